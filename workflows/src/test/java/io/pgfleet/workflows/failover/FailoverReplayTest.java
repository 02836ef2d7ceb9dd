package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.PRIMARY_VM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.iaas.PowerState;
import io.pgfleet.workflows.replay.NonDeterminism;
import io.pgfleet.workflows.replay.StoredHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored failover histories (a completed failover, and one stopped for an operator because fencing
 * could not be proven) must replay on the current implementation; implementations that change the
 * command sequence must not. Record them again with {@code -Dpgfleet.regenerateHistories=true} (see
 * {@link StoredHistories}).
 */
class FailoverReplayTest {

  static final String HAPPY = "failover-happy";
  static final String NEEDS_OPERATOR = "failover-needs-operator";

  @Test
  void aCompletedFailoverReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(happyHistory(), FailoverWorkflowImpl.class);
  }

  @Test
  void aFailoverStoppedForAnOperatorReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(needsOperatorHistory(), FailoverWorkflowImpl.class);
  }

  static Stream<Class<? extends FailoverWorkflow>> changedImplementations() {
    return Stream.of(
        ChangedFailoverWorkflows.ExtraTimer.class, ChangedFailoverWorkflows.FenceFirst.class);
  }

  @ParameterizedTest
  @MethodSource("changedImplementations")
  void aChangedCommandSequenceIsCaught(Class<? extends FailoverWorkflow> changed) {
    WorkflowExecutionHistory history = happyHistory();

    Throwable replay =
        catchThrowable(() -> WorkflowReplayer.replayWorkflowExecution(history, changed));

    assertThat(replay).as("replaying with %s", changed.getSimpleName()).isNotNull();
    assertThat(NonDeterminism.isReportedBy(replay))
        .as("replay failure reports nondeterminism: %s", replay)
        .isTrue();
  }

  static WorkflowExecutionHistory happyHistory() {
    return StoredHistories.load(
        HAPPY,
        () -> {
          try (FailoverCloud cloud = new FailoverCloud()) {
            FailoverResult result = cloud.run(HAPPY);
            assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
            return cloud.history(HAPPY);
          }
        });
  }

  static WorkflowExecutionHistory needsOperatorHistory() {
    return StoredHistories.load(
        NEEDS_OPERATOR,
        () -> {
          try (FailoverCloud cloud = new FailoverCloud()) {
            when(cloud.iaas.powerState(PRIMARY_VM))
                .thenReturn(FailoverFixture.power(PRIMARY_VM, PowerState.RUNNING));
            FailoverResult result = cloud.run(NEEDS_OPERATOR);
            assertThat(result.outcome()).isEqualTo(FailoverOutcome.NEEDS_OPERATOR);
            return cloud.history(NEEDS_OPERATOR);
          }
        });
  }
}
