package io.pgfleet.testenv.cloud.jobs;

import io.pgfleet.testenv.cloud.task.TaskContext;
import io.pgfleet.testenv.cloud.task.TaskJob;

/** {@code POST /deployments}: the "create deployment" task. */
final class DeployJob implements TaskJob {

  private final DeploymentConverger converger;
  private final String deployment;
  private final String manifest;

  DeployJob(DeploymentConverger converger, String deployment, String manifest) {
    this.converger = converger;
    this.deployment = deployment;
    this.manifest = manifest;
  }

  @Override
  public String perform(TaskContext context) throws Exception {
    return context.withDeploymentLock(
        deployment,
        () -> {
          converger.converge(context, deployment, manifest);
          return "/deployments/" + deployment;
        });
  }
}
