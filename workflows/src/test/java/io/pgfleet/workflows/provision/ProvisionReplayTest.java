package io.pgfleet.workflows.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.replay.NonDeterminism;
import io.pgfleet.workflows.replay.StoredHistories;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.WorkflowReplayer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored provision histories (a success, and a failure with its rollback) must replay on the
 * current implementation; implementations that change the command sequence must not.
 */
class ProvisionReplayTest {

  static final String HAPPY = "provision-happy";
  static final String ROLLED_BACK = "provision-rolled-back";
  static final String ARCHIVING = "provision-archiving";

  @Test
  void aSuccessfulProvisionReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(happyHistory(), ProvisionWorkflowImpl.class);
  }

  @Test
  void aRolledBackProvisionReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(rolledBackHistory(), ProvisionWorkflowImpl.class);
  }

  /** Recorded after archiving joined provisioning; the two above predate it (version marker). */
  @Test
  void aProvisionThatConfiguresArchivingReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(archivingHistory(), ProvisionWorkflowImpl.class);
  }

  static Stream<Class<? extends ProvisionWorkflow>> changedImplementations() {
    return Stream.of(
        ChangedProvisionWorkflows.ExtraTimer.class, ChangedProvisionWorkflows.Reordered.class);
  }

  @ParameterizedTest
  @MethodSource("changedImplementations")
  void aChangedCommandSequenceIsCaught(Class<? extends ProvisionWorkflow> changed) {
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
          try (MockedCloud cloud = new MockedCloud()) {
            cloud.provisionStub(HAPPY).provision(ClusterFixture.provisionInput());
            return cloud.history(HAPPY);
          }
        });
  }

  static WorkflowExecutionHistory archivingHistory() {
    return StoredHistories.load(
        ARCHIVING,
        () -> {
          try (MockedCloud cloud = new MockedCloud()) {
            when(cloud.archiveRepository.settingsFor(any()))
                .thenReturn(java.util.Optional.of(ProvisionArchivingTest.REPOSITORY));
            cloud.provisionStub(ARCHIVING).provision(ClusterFixture.provisionInput());
            return cloud.history(ARCHIVING);
          }
        });
  }

  static WorkflowExecutionHistory rolledBackHistory() {
    return StoredHistories.load(
        ROLLED_BACK,
        () -> {
          try (MockedCloud cloud = new MockedCloud()) {
            when(cloud.standbyHost.buildStandby(any()))
                .thenThrow(
                    ApplicationFailure.newNonRetryableFailure(
                        "pg_basebackup: error: connection refused",
                        FailureType.HOST_COMMAND_FAILED.name()));
            Throwable failed =
                catchThrowable(
                    () ->
                        cloud
                            .provisionStub(ROLLED_BACK)
                            .provision(ClusterFixture.provisionInput()));
            assertThat(failed).isInstanceOf(WorkflowFailedException.class);
            return cloud.history(ROLLED_BACK);
          }
        });
  }
}
