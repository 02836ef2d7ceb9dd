package io.pgfleet.testenv.cloud.jobs;

import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.manifest.Manifest;
import io.pgfleet.testenv.cloud.manifest.ManifestParser;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.state.JobSpec;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.task.EventLog;
import io.pgfleet.testenv.cloud.task.TaskContext;
import io.pgfleet.testenv.cloud.task.TaskJob;
import java.util.List;

/**
 * {@code PUT /deployments/:d/jobs/:job[/:index_or_id]?state=…}: one instance, a whole group, or
 * every instance ({@code jobs/*}) to started, stopped, detached, restart or recreate. A request
 * that carried a manifest deploys it first. Ignored instances: naming one fails (140021) before
 * anything changes; a group or {@code *} request passes them by, as BOSH does.
 */
final class InstanceStateJob implements TaskJob {

  private static final String ALL_GROUPS = "*";

  private final StateStore store;
  private final InstanceActions actions;
  private final DeploymentConverger converger;
  private final JobSpec spec;

  InstanceStateJob(
      StateStore store, InstanceActions actions, DeploymentConverger converger, JobSpec spec) {
    this.store = store;
    this.actions = actions;
    this.converger = converger;
    this.spec = spec;
  }

  @Override
  public String perform(TaskContext context) throws Exception {
    String deployment = spec.deployment();
    return context.withDeploymentLock(
        deployment,
        () -> {
          refuseIgnoredTarget(deployment);
          if (spec.manifest() != null) {
            converger.converge(context, deployment, spec.manifest());
          }
          DeploymentRecord record =
              store
                  .deployment(deployment)
                  .orElseThrow(() -> DirectorError.deploymentNotFound(deployment));
          Manifest manifest = ManifestParser.parse(record.manifest());
          for (InstanceRecord instance : targets(record)) {
            context.checkpoint();
            EventLog.Stage stage =
                context.events().beginStage("Updating instance", 1, List.of(instance.group()));
            stage.run(instance.label(), () -> apply(deployment, manifest, instance));
          }
          return "/deployments/" + deployment;
        });
  }

  private List<InstanceRecord> targets(DeploymentRecord record) {
    if (spec.instanceId() != null) {
      return List.of(
          record
              .instanceById(spec.instanceId())
              .orElseThrow(
                  () ->
                      DirectorError.instanceNotFound(
                          record.name(), spec.instanceGroup(), spec.instanceId())));
    }
    return record.instances().stream()
        .filter(
            i -> ALL_GROUPS.equals(spec.instanceGroup()) || i.group().equals(spec.instanceGroup()))
        .filter(i -> !i.ignore())
        .toList();
  }

  /** BOSH's InstancePlanner#fail_if_specifically_changing_state_of_ignored_vms. */
  private void refuseIgnoredTarget(String deployment) {
    if (spec.instanceId() == null) {
      return;
    }
    store
        .deployment(deployment)
        .flatMap(d -> d.instanceById(spec.instanceId()))
        .filter(InstanceRecord::ignore)
        .ifPresent(
            i -> {
              throw DirectorError.inTask(
                  DirectorError.JOB_INSTANCE_IGNORED,
                  "You are trying to change the state of the ignored instance '"
                      + i.group()
                      + "/"
                      + i.id()
                      + "'. This operation is not allowed. You need to unignore it first.");
            });
  }

  private void apply(String deployment, Manifest manifest, InstanceRecord instance)
      throws Exception {
    switch (spec.instanceState()) {
      case "started" -> actions.start(deployment, manifest, instance);
      case "stopped" ->
          actions.stop(deployment, manifest, provisioned(deployment, manifest, instance));
      case "detached" -> actions.detach(deployment, instance);
      case "restart" ->
          actions.start(deployment, manifest, actions.stop(deployment, manifest, instance));
      case "recreate" -> actions.recreate(deployment, manifest, instance);
      default ->
          throw DirectorError.inTask(
              DirectorError.INVALID_INSTANCE_STATE,
              "Invalid state '"
                  + spec.instanceState()
                  + "' for instance '"
                  + instance.label()
                  + "', must be one of started, stopped, detached, restart, recreate");
    }
  }

  /** Stopping a detached instance brings its VM back with jobs stopped, as BOSH does. */
  private InstanceRecord provisioned(String deployment, Manifest manifest, InstanceRecord instance)
      throws Exception {
    return instance.hasVm() ? instance : actions.provision(deployment, manifest, instance);
  }
}
