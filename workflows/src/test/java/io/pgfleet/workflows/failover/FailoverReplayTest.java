package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.PRIMARY_VM;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.argThat;
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
 * Stored failover histories must replay on the current implementation: a crashed primary replaced
 * after one look, a frozen one replaced after the tolerance, one stopped for an operator because
 * fencing could not be proven, and a blip that ended NOT_CONFIRMED with pgpool routing restored.
 * Implementations that change the command sequence must not replay. Record them again with {@code
 * -Dpgfleet.regenerateHistories=true} (see {@link StoredHistories}).
 */
class FailoverReplayTest {

  static final String HAPPY = "failover-happy";
  static final String NEEDS_OPERATOR = "failover-needs-operator";
  static final String FROZEN = "failover-frozen";
  static final String RESTORE_ROUTING = "failover-not-confirmed-restore-routing";

  @Test
  void aCompletedFailoverReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(happyHistory(), FailoverWorkflowImpl.class);
  }

  @Test
  void aFailoverStoppedForAnOperatorReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(needsOperatorHistory(), FailoverWorkflowImpl.class);
  }

  @Test
  void aFrozenPrimaryReplacedAfterTheToleranceReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(frozenHistory(), FailoverWorkflowImpl.class);
  }

  @Test
  void aBlipEndedWithRoutingRestoredReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(restoreRoutingHistory(), FailoverWorkflowImpl.class);
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
            assertThat(result.reason()).contains("no tolerance wait for a crash");
            return cloud.history(HAPPY);
          }
        });
  }

  static WorkflowExecutionHistory frozenHistory() {
    return StoredHistories.load(
        FROZEN,
        () -> {
          try (FailoverCloud cloud = new FailoverCloud()) {
            when(cloud.sql.probe(argThat(FailoverCloud.probing(PRIMARY_IP))))
                .thenReturn(FailoverFixture.timedOut(PRIMARY_IP));
            FailoverResult result = cloud.run(FROZEN);
            assertThat(result.reason()).contains("still down after the 5 s tolerance");
            return cloud.history(FROZEN);
          }
        });
  }

  static WorkflowExecutionHistory restoreRoutingHistory() {
    return StoredHistories.load(
        RESTORE_ROUTING,
        () -> {
          try (FailoverCloud cloud = new FailoverCloud()) {
            FailoverRestoreRoutingTest.blipDetachedInPgpool0(cloud);
            FailoverResult result = cloud.run(RESTORE_ROUTING);
            assertThat(result.outcome()).isEqualTo(FailoverOutcome.NOT_CONFIRMED);
            assertThat(result.reason()).contains("routing restored: pgpool/0 attached");
            return cloud.history(RESTORE_ROUTING);
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
