package io.pgfleet.workflows.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.replay.StoredHistories;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Stored restore histories must replay on the current implementation: a completed in-place restore
 * to a time, one rolled back after recovery could not reach its target, and a restore into a new
 * cluster (with its adopt step). Record them again with {@code -Dpgfleet.regenerateHistories=true}
 * (see {@link StoredHistories}).
 */
class RestoreReplayTest {

  static final String HAPPY = "restore-happy";
  static final String ROLLED_BACK = "restore-rolled-back";
  static final String NEW_CLUSTER = "restore-new-cluster";

  /** The same two paths recorded after the release deleted only the restore's own disks. */
  static final String HAPPY_OWN_DISKS = "restore-happy-own-disks";

  static final String ROLLED_BACK_OWN_DISKS = "restore-rolled-back-own-disks";

  @Test
  void aCompletedRestoreReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(happyHistory(), RestoreWorkflowImpl.class);
  }

  @Test
  void aRolledBackRestoreReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(rolledBackHistory(), RestoreWorkflowImpl.class);
  }

  @Test
  void aCompletedRestoreReleasingItsOwnDisksReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        happyHistory(HAPPY_OWN_DISKS), RestoreWorkflowImpl.class);
  }

  @Test
  void aRolledBackRestoreDeletingItsOwnVolumesReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        rolledBackHistory(ROLLED_BACK_OWN_DISKS), RestoreWorkflowImpl.class);
  }

  @Test
  void aRestoreIntoANewClusterReplays() throws Exception {
    WorkflowExecutionHistory history =
        StoredHistories.load(
            NEW_CLUSTER,
            () -> {
              try (RestoreCloud cloud = new RestoreCloud()) {
                cloud.run(NEW_CLUSTER, RestoreFixture.intoNewCluster(RecoveryTarget.latest()));
                return cloud.history(NEW_CLUSTER);
              }
            });

    WorkflowReplayer.replayWorkflowExecution(history, RestoreWorkflowImpl.class);
  }

  static WorkflowExecutionHistory happyHistory() {
    return happyHistory(HAPPY);
  }

  static WorkflowExecutionHistory happyHistory(String name) {
    return StoredHistories.load(
        name,
        () -> {
          try (RestoreCloud cloud = new RestoreCloud()) {
            RestoreResult result =
                cloud.run(
                    name,
                    RestoreFixture.inPlace(RestoreFixture.time("2026-11-21T12:30:00Z"), null));
            assertThat(result.backup().backupId()).isEqualTo(RestoreFixture.NEWER);
            return cloud.history(name);
          }
        });
  }

  static WorkflowExecutionHistory rolledBackHistory() {
    return rolledBackHistory(ROLLED_BACK);
  }

  static WorkflowExecutionHistory rolledBackHistory(String name) {
    return StoredHistories.load(
        name,
        () -> {
          try (RestoreCloud cloud = new RestoreCloud()) {
            when(cloud.primary.awaitRecovery()).thenThrow(RestoreFixture.notReached());
            WorkflowFailedException failed =
                catchThrowableOfType(
                    WorkflowFailedException.class,
                    () -> cloud.run(name, RestoreFixture.inPlace(RecoveryTarget.latest(), null)));
            assertThat(((ApplicationFailure) failed.getCause()).getOriginalMessage())
                .endsWith("rolled back: the old data runs again");
            return cloud.history(name);
          }
        });
  }
}
