package io.pgfleet.workflows.deprovision;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.BoshTaskOutcome;
import io.pgfleet.workflows.bosh.DeleteDeploymentRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDisksRequest;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepRecorder;
import io.pgfleet.workflows.provision.BoshLockRetry;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;

/**
 * Removes a cluster: drop the bindings' roles, delete the deployment (forced only when a normal
 * delete's task fails, e.g. a VM that will not drain), delete the disks BOSH orphaned. A failed
 * deletion fails with {@link FailureType#OPERATION_FAILED} naming the step; the details carry the
 * {@link OperationView}.
 */
public final class DeprovisionWorkflowImpl implements DeprovisionWorkflow {

  private final BoshActivities bosh =
      Workflow.newActivityStub(BoshActivities.class, ActivityPolicies.BOSH_TASK);
  private final BindingRoleCleanup roles = new BindingRoleCleanup();
  private final StepRecorder recorder;

  @WorkflowInit
  public DeprovisionWorkflowImpl(DeprovisionInput input) {
    recorder = new StepRecorder(input.operationId(), input.clusterId(), OperationType.DEPROVISION);
  }

  @Override
  public DeprovisionResult deprovision(DeprovisionInput input) {
    String deployment = input.deployment();
    try {
      roles.dropAll(recorder, input);
      deleteDeployment(input);
      recorder.step(
          "delete orphaned disks",
          () ->
              bosh.deleteOrphanedDisks(
                  new DeleteOrphanedDisksRequest(
                      deployment, ClusterNaming.boshContextId(input.operationId(), "disks"))));
      recorder.succeeded();
      return new DeprovisionResult(recorder.view());
    } catch (TemporalFailure failure) {
      recorder.failed(recorder.currentStep() + " failed: " + StepRecorder.rootMessage(failure));
      OperationView view = recorder.view();
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          view.error(), FailureType.OPERATION_FAILED.name(), failure, view);
    }
  }

  @Override
  public OperationView progress() {
    return recorder.view();
  }

  /** A deployment that does not exist counts as deleted (the activity's contract). */
  private void deleteDeployment(DeprovisionInput input) {
    try {
      recorder.step("delete deployment", () -> delete(input, "delete", false));
    } catch (ActivityFailure failure) {
      if (!isTaskFailure(failure)) {
        throw failure;
      }
      recorder.step("force-delete deployment", () -> delete(input, "force-delete", true));
    }
  }

  private BoshTaskOutcome delete(DeprovisionInput input, String step, boolean force) {
    return BoshLockRetry.run(
        input.operationId(),
        step,
        input.deployment(),
        contextId ->
            bosh.deleteDeployment(
                new DeleteDeploymentRequest(input.deployment(), contextId, force)));
  }

  private static boolean isTaskFailure(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app
        && FailureType.BOSH_TASK_FAILED.name().equals(app.getType());
  }
}
