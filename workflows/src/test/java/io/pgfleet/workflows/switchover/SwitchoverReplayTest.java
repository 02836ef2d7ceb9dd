package io.pgfleet.workflows.switchover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.replay.StoredHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Stored switchover histories must replay on the current implementation: a completed switchover,
 * and one rolled back after the old primary could not be stopped cleanly. Record them again with
 * {@code -Dpgfleet.regenerateHistories=true} (see {@link StoredHistories}).
 */
class SwitchoverReplayTest {

  static final String HAPPY = "switchover-happy";
  static final String ROLLED_BACK = "switchover-rolled-back";

  @Test
  void aCompletedSwitchoverReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(happyHistory(), SwitchoverWorkflowImpl.class);
  }

  @Test
  void aRolledBackSwitchoverReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(rolledBackHistory(), SwitchoverWorkflowImpl.class);
  }

  static WorkflowExecutionHistory happyHistory() {
    return StoredHistories.load(
        HAPPY,
        () -> {
          try (SwitchoverCloud cloud = new SwitchoverCloud()) {
            assertThat(cloud.run(HAPPY).outcome()).isEqualTo(SwitchoverOutcome.SWITCHED_OVER);
            return cloud.history(HAPPY);
          }
        });
  }

  static WorkflowExecutionHistory rolledBackHistory() {
    return StoredHistories.load(
        ROLLED_BACK,
        () -> {
          try (SwitchoverCloud cloud = new SwitchoverCloud()) {
            when(cloud.primaryHost.stopCleanly())
                .thenThrow(SwitchoverCloud.failure("not shut down cleanly"));
            SwitchoverResult result = cloud.run(ROLLED_BACK);
            assertThat(result.outcome()).isEqualTo(SwitchoverOutcome.FAILED);
            assertThat(result.reason()).contains("started again, writes released");
            return cloud.history(ROLLED_BACK);
          }
        });
  }
}
