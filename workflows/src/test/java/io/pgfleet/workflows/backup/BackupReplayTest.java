package io.pgfleet.workflows.backup;

import static io.pgfleet.workflows.backup.BackupFixture.BACKUP_ID;
import static io.pgfleet.workflows.backup.BackupFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.replay.NonDeterminism;
import io.pgfleet.workflows.replay.StoredHistories;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Stored backup histories (both modes, a lost session taken again, a rollback, recorded before the
 * sentinel step; one with it) must replay on the current implementation; one that stops the backup
 * before the snapshot must not.
 */
class BackupReplayTest {

  static final String SNAPSHOT = "backup-snapshot-happy";
  static final String COPY = "backup-copy-happy";
  static final String SESSION_LOST = "backup-session-lost-retried";
  static final String ROLLED_BACK = "backup-rolled-back";
  static final String SENTINEL = "backup-snapshot-sentinel";

  @Test
  void aSnapshotBackupReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(snapshotHistory(), BackupWorkflowImpl.class);
  }

  @Test
  void aCopyBackupReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        succeeded(COPY, BackupMode.COPY, cloud -> {}), BackupWorkflowImpl.class);
  }

  @Test
  void aBackupTakenAgainAfterALostSessionReplays() throws Exception {
    WorkflowExecutionHistory history =
        succeeded(
            SESSION_LOST,
            BackupMode.SNAPSHOT,
            cloud ->
                doThrow(failure("no session", FailureType.BACKUP_SESSION_LOST))
                    .when(cloud.primary)
                    .stopBackup(BACKUP_ID));
    WorkflowReplayer.replayWorkflowExecution(history, BackupWorkflowImpl.class);
  }

  @Test
  void aBackupThatWroteItsSentinelReplays() throws Exception {
    WorkflowExecutionHistory history =
        StoredHistories.load(
            SENTINEL,
            () -> {
              try (BackupCloud cloud = new BackupCloud()) {
                cloud.stub(SENTINEL).backup(BackupFixture.inputWithSecrets(BackupMode.SNAPSHOT));
                return cloud.history(SENTINEL);
              }
            });
    WorkflowReplayer.replayWorkflowExecution(history, BackupWorkflowImpl.class);
  }

  @Test
  void aRolledBackBackupReplays() throws Exception {
    WorkflowExecutionHistory history =
        StoredHistories.load(
            ROLLED_BACK,
            () -> {
              try (BackupCloud cloud = new BackupCloud()) {
                doThrow(failure("snapshot error", FailureType.IAAS_REQUEST_REJECTED))
                    .when(cloud.iaas)
                    .awaitSnapshot(any());
                Throwable failed =
                    catchThrowable(
                        () ->
                            cloud
                                .stub(ROLLED_BACK)
                                .backup(BackupFixture.input(BackupMode.SNAPSHOT)));
                assertThat(failed).isInstanceOf(WorkflowFailedException.class);
                return cloud.history(ROLLED_BACK);
              }
            });
    WorkflowReplayer.replayWorkflowExecution(history, BackupWorkflowImpl.class);
  }

  @Test
  void stoppingBeforeTheSnapshotIsCaught() {
    WorkflowExecutionHistory history = snapshotHistory();

    Throwable replay =
        catchThrowable(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    history, ChangedBackupWorkflows.StopBeforeSnapshot.class));

    assertThat(replay).isNotNull();
    assertThat(NonDeterminism.isReportedBy(replay))
        .as("replay failure reports nondeterminism: %s", replay)
        .isTrue();
  }

  static WorkflowExecutionHistory snapshotHistory() {
    return succeeded(SNAPSHOT, BackupMode.SNAPSHOT, cloud -> {});
  }

  private static WorkflowExecutionHistory succeeded(
      String name, BackupMode mode, Consumer<BackupCloud> script) {
    return StoredHistories.load(
        name,
        () -> {
          try (BackupCloud cloud = new BackupCloud()) {
            script.accept(cloud);
            cloud.stub(name).backup(BackupFixture.input(mode));
            return cloud.history(name);
          }
        });
  }
}
