package io.pgfleet.gateway.clusters;

import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.verify.VerifyBackupInput;
import io.pgfleet.workflows.verify.VerifyBackupResult;
import io.pgfleet.workflows.verify.VerifyBackupWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;

/** Backup ids starting with "slow" keep running, with "broken" fail; others pass at once. */
public class FakeVerifyBackupWorkflowImpl implements VerifyBackupWorkflow {

  private OperationView view;

  @Override
  public VerifyBackupResult verify(VerifyBackupInput input) {
    long start = Workflow.currentTimeMillis();
    view = view(input, OperationState.IN_PROGRESS, start, null);
    if (input.backupId().startsWith("broken")) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the throw-away cluster could not be provisioned", "BOSH_TASK_FAILED");
    }
    if (input.backupId().startsWith("slow")) {
      Workflow.await(() -> false);
    }
    long end = Workflow.currentTimeMillis();
    view = view(input, OperationState.SUCCEEDED, start, end);
    return new VerifyBackupResult(
        new BackupVerification(
            input.clusterId(),
            input.backupId(),
            true,
            "2 relations read",
            input.operationId(),
            end),
        view);
  }

  @Override
  public OperationView progress() {
    return view;
  }

  private static OperationView view(
      VerifyBackupInput input, OperationState state, long start, Long end) {
    return new OperationView(
        input.operationId(),
        input.clusterId(),
        OperationType.VERIFY_BACKUP,
        state,
        "verifying backup " + input.backupId(),
        start,
        end,
        List.of(),
        null);
  }
}
