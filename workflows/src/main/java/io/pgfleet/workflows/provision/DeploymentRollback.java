package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.DeleteDeploymentRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDisksRequest;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.operation.StepRecorder;

/**
 * Undoes a (possibly partial) deploy: force-deletes the deployment, then the persistent disks BOSH
 * orphaned by deleting it, as recorded steps so the operation's record says what was cleaned up.
 * Both calls are idempotent, so it is safe for a deploy that never created anything.
 */
public final class DeploymentRollback {

  public static final String DELETE_DEPLOYMENT = "rollback: delete deployment";
  public static final String DELETE_ORPHANED_DISKS = "rollback: delete orphaned disks";

  private final BoshActivities bosh;
  private final StepRecorder recorder;
  private final String operationId;
  private final String deployment;

  public DeploymentRollback(
      BoshActivities bosh, StepRecorder recorder, String operationId, String deployment) {
    this.bosh = bosh;
    this.recorder = recorder;
    this.operationId = operationId;
    this.deployment = deployment;
  }

  /** Forced: a half-built cluster's VMs may not drain or stop cleanly. */
  public void undoDeploy() {
    recorder.step(
        DELETE_DEPLOYMENT,
        () ->
            bosh.deleteDeployment(
                new DeleteDeploymentRequest(
                    deployment,
                    ClusterNaming.boshContextId(operationId, "rollback-delete"),
                    true)));
    recorder.step(
        DELETE_ORPHANED_DISKS,
        () ->
            bosh.deleteOrphanedDisks(
                new DeleteOrphanedDisksRequest(
                    deployment, ClusterNaming.boshContextId(operationId, "rollback-disks"))));
  }
}
