package io.pgfleet.testenv.cloud.jobs;

import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.task.EventLog;
import io.pgfleet.testenv.cloud.task.TaskContext;
import io.pgfleet.testenv.cloud.task.TaskJob;
import java.util.List;

/**
 * {@code DELETE /deployments/:d}: every VM deleted (agents stopped, processes killed, ephemeral
 * disks removed), persistent disks orphaned, addresses released, then the deployment forgotten.
 * {@code force} is accepted; the local cloud has no failing cloud calls to ignore.
 */
final class DeleteDeploymentJob implements TaskJob {

  private final StateStore store;
  private final InstanceActions actions;
  private final String deployment;

  DeleteDeploymentJob(StateStore store, InstanceActions actions, String deployment) {
    this.store = store;
    this.actions = actions;
    this.deployment = deployment;
  }

  @Override
  public String perform(TaskContext context) throws Exception {
    return context.withDeploymentLock(
        deployment,
        () -> {
          DeploymentRecord record =
              store
                  .deployment(deployment)
                  .orElseThrow(() -> DirectorError.deploymentNotFound(deployment));
          List<InstanceRecord> instances = record.instances();
          if (!instances.isEmpty()) {
            EventLog.Stage stage =
                context.events().beginStage("Deleting instances", instances.size(), List.of());
            for (InstanceRecord instance : instances) {
              stage.run(instance.label(), () -> actions.delete(deployment, instance));
            }
          }
          context
              .events()
              .beginStage("Removing deployment artifacts", 1, List.of())
              .run("Detaching stemcells", () -> {});
          store.update(s -> s.withoutDeployment(deployment));
          return "/deployments/" + deployment;
        });
  }
}
