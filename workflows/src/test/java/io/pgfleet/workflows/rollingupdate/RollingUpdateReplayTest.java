package io.pgfleet.workflows.rollingupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.replay.StoredHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Stored rolling-update histories must replay on the current implementation: a complete update
 * (switchover child included), and one stopped because the standby did not start. Record them again
 * with {@code -Dpgfleet.regenerateHistories=true} (see {@link StoredHistories}).
 */
class RollingUpdateReplayTest {

  static final String HAPPY = "rolling-update-happy";
  static final String STANDBY_FAILED = "rolling-update-standby-failed";

  @Test
  void aCompletedRollingUpdateReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(happyHistory(), RollingUpdateWorkflowImpl.class);
  }

  @Test
  void anUpdateStoppedBeforeTheSwitchoverReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        standbyFailedHistory(), RollingUpdateWorkflowImpl.class);
  }

  static WorkflowExecutionHistory happyHistory() {
    return StoredHistories.load(
        HAPPY,
        () -> {
          try (RollingUpdateCloud cloud = new RollingUpdateCloud()) {
            assertThat(cloud.run(HAPPY).outcome()).isEqualTo(RollingUpdateOutcome.UPDATED);
            return cloud.history(HAPPY);
          }
        });
  }

  static WorkflowExecutionHistory standbyFailedHistory() {
    return StoredHistories.load(
        STANDBY_FAILED,
        () -> {
          try (RollingUpdateCloud cloud = new RollingUpdateCloud()) {
            doThrow(
                    ApplicationFailure.newNonRetryableFailure(
                        "pg_ctl: could not start server", FailureType.HOST_COMMAND_FAILED.name()))
                .when(cloud.standbyHost)
                .buildStandby(any());
            assertThat(cloud.run(STANDBY_FAILED).outcome()).isEqualTo(RollingUpdateOutcome.FAILED);
            return cloud.history(STANDBY_FAILED);
          }
        });
  }
}
