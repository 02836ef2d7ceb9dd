package io.pgfleet.workflows.verify;

import static io.pgfleet.workflows.verify.VerifyCloud.CLUSTER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.replay.NonDeterminism;
import io.pgfleet.workflows.replay.StoredHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Stored verification histories (passed with the Signal delivered; failed check) replay on the
 * current implementation; one that skips the restore must not.
 */
class VerifyBackupReplayTest {

  static final String PASSED = "verify-backup-passed";
  static final String FAILED_CHECK = "verify-backup-failed-check";

  @Test
  void aPassedVerificationReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(passedHistory(), VerifyBackupWorkflowImpl.class);
  }

  @Test
  void aFailedCheckReplays() throws Exception {
    WorkflowExecutionHistory history =
        load(
            FAILED_CHECK,
            () -> {
              try (VerifyCloud cloud = new VerifyCloud()) {
                when(cloud.sql.checkRestored(any()))
                    .thenReturn(new RestoreCheck(1, 3, 10, false, List.of()));
                cloud
                    .stub(FAILED_CHECK)
                    .verify(new VerifyBackupInput(CLUSTER_ID, null, null, null));
                return cloud.history(FAILED_CHECK);
              }
            });
    WorkflowReplayer.replayWorkflowExecution(history, VerifyBackupWorkflowImpl.class);
  }

  @Test
  void checkingWithoutRestoringIsCaught() {
    Throwable replay =
        catchThrowable(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    passedHistory(), ChangedVerifyWorkflows.CheckWithoutRestore.class));

    assertThat(replay).isNotNull();
    assertThat(NonDeterminism.isReportedBy(replay))
        .as("replay failure reports nondeterminism: %s", replay)
        .isTrue();
  }

  private static WorkflowExecutionHistory passedHistory() {
    return load(
        PASSED,
        () -> {
          try (VerifyCloud cloud = new VerifyCloud()) {
            cloud.startSourceCluster();
            cloud.stub(PASSED).verify(new VerifyBackupInput(CLUSTER_ID, null, null, null));
            return cloud.history(PASSED);
          }
        });
  }

  /**
   * With the workflow id it ran under: the operation id (and so the children's ids) derives from it
   * when the input has none, and the replayer would otherwise use a placeholder id.
   */
  private static WorkflowExecutionHistory load(
      String name, Supplier<WorkflowExecutionHistory> record) {
    return new WorkflowExecutionHistory(StoredHistories.load(name, record).getHistory(), name);
  }
}
