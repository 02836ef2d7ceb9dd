package io.pgfleet.workflows.backup;

import static io.pgfleet.workflows.backup.BackupFixture.BACKUP_ID;
import static io.pgfleet.workflows.backup.BackupFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.provision.FailedOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Every step of a snapshot backup failing in turn: what the backup created is rolled back, the
 * catalog records the failure, and the operation fails naming the step.
 */
class BackupCompensationTest {

  private final BackupCloud cloud = new BackupCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  private OperationView failedSnapshotBackup(String workflowId) {
    return FailedOperation.viewOf(
        () -> cloud.stub(workflowId).backup(BackupFixture.input(BackupMode.SNAPSHOT)));
  }

  private BackupRecord recordedFailure() {
    ArgumentCaptor<BackupRecord> put = ArgumentCaptor.forClass(BackupRecord.class);
    verify(cloud.catalog).put(put.capture());
    BackupRecord record = put.getValue();
    assertThat(record.status()).isEqualTo(BackupStatus.FAILED);
    assertThat(record.backupId()).isEqualTo(BACKUP_ID);
    assertThat(record.restorable()).isFalse();
    return record;
  }

  @Test
  void aStandbyWhereThePrimaryShouldBeIsRefusedBeforeAnythingStarts() {
    when(cloud.primary.status()).thenReturn(BackupFixture.status(PostgresRole.STANDBY));

    OperationView view = failedSnapshotBackup("backup-not-primary");

    assertThat(view.error())
        .startsWith("check primary failed: postgres/0 (10.244.0.10) is not a running primary");
    assertThat(recordedFailure().error()).isEqualTo(view.error());
    verify(cloud.primary, never()).startBackup(any());
    verify(cloud.primary, never()).abortBackup(any());
  }

  @Test
  void aPrimaryWhoseArchivingFailsIsNotBackedUp() {
    when(cloud.primary.archiveStatus()).thenReturn(BackupFixture.archive(true, true, true));

    OperationView view = failedSnapshotBackup("backup-archive-failing");

    assertThat(view.error())
        .contains("WAL archiving on postgres/0 is failing")
        .contains("000000010000000000000005");
    recordedFailure();
    verify(cloud.primary, never()).startBackup(any());
  }

  @Test
  void aPrimaryWithoutArchivingIsNotBackedUp() {
    when(cloud.primary.archiveStatus()).thenReturn(BackupFixture.archive(false, false, false));

    OperationView view = failedSnapshotBackup("backup-archive-missing");

    assertThat(view.error()).contains("WAL archiving into stanza c-7f3a is not configured");
    verify(cloud.primary, never()).startBackup(any());
  }

  @Test
  void aFailedStartAbandonsTheSessionItMayHaveOpened() {
    doThrow(failure("could not connect", FailureType.HOST_COMMAND_FAILED))
        .when(cloud.primary)
        .startBackup(any());

    OperationView view = failedSnapshotBackup("backup-start-fails");

    assertThat(view.error()).isEqualTo("start backup failed: could not connect");
    verify(cloud.primary).abortBackup(BACKUP_ID);
    verify(cloud.iaas, never()).createSnapshot(any());
    assertThat(stepNames(view))
        .containsSubsequence("start backup", "rollback: abandon backup", "record failed backup");
    recordedFailure();
  }

  @Test
  void aFailedSnapshotAbandonsTheSession() {
    doThrow(failure("InvalidVolume.NotFound", FailureType.IAAS_NOT_FOUND))
        .when(cloud.iaas)
        .createSnapshot(any());

    OperationView view = failedSnapshotBackup("backup-snapshot-fails");

    assertThat(view.error()).isEqualTo("snapshot primary disk failed: InvalidVolume.NotFound");
    verify(cloud.primary).abortBackup(BACKUP_ID);
    verify(cloud.primary, never()).stopBackup(any());
    verify(cloud.iaas, never()).deleteSnapshot(any());
    recordedFailure();
  }

  @Test
  void aFailedStopDeletesTheSnapshotAndAbandonsTheSession() {
    doThrow(failure("disk full", FailureType.HOST_STATE_CONFLICT))
        .when(cloud.primary)
        .stopBackup(any());

    OperationView view = failedSnapshotBackup("backup-stop-fails");

    assertThat(view.error()).isEqualTo("stop backup failed: disk full");
    verify(cloud.iaas).deleteSnapshot("snap-1");
    verify(cloud.primary).abortBackup(BACKUP_ID);
    assertThat(stepNames(view))
        .containsSubsequence(
            "stop backup", "rollback: delete snapshot snap-1", "rollback: abandon backup");
    recordedFailure();
  }

  @Test
  void aSnapshotThatEndsInErrorIsDeletedWhileTheStoppedSessionIsLeftAlone() {
    doThrow(failure("Snapshot snap-1 ended in state error", FailureType.IAAS_REQUEST_REJECTED))
        .when(cloud.iaas)
        .awaitSnapshot(any());

    OperationView view = failedSnapshotBackup("backup-await-fails");

    assertThat(view.error())
        .isEqualTo("await snapshot failed: Snapshot snap-1 ended in state error");
    verify(cloud.iaas).deleteSnapshot("snap-1");
    verify(cloud.primary, never()).abortBackup(any());
    recordedFailure();
  }

  @Test
  void aLostSessionStartsANewBackupUnderANewNameAndDiscardsTheFirstSnapshot() {
    doThrow(failure("no backup session " + BACKUP_ID, FailureType.BACKUP_SESSION_LOST))
        .when(cloud.primary)
        .stopBackup(BACKUP_ID);
    String second = BACKUP_ID + "-attempt2";

    BackupResult result =
        cloud.stub("backup-session-lost").backup(BackupFixture.input(BackupMode.SNAPSHOT));

    verify(cloud.iaas).deleteSnapshot("snap-1");
    verify(cloud.primary).stopBackup(second);
    verify(cloud.iaas).createSnapshot(argThat(request -> second.equals(request.clientToken())));
    assertThat(result.backup().status()).isEqualTo(BackupStatus.COMPLETED);
    assertThat(result.backup().snapshot().snapshotIds()).containsExactly("snap-2");
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .contains(
            tuple("stop backup", OperationState.FAILED),
            tuple("rollback: delete snapshot snap-1", OperationState.SUCCEEDED),
            tuple("start backup (attempt 2)", OperationState.SUCCEEDED),
            tuple("stop backup (attempt 2)", OperationState.SUCCEEDED));
    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
  }

  @Test
  void aSessionLostInEveryAttemptFailsTheBackupWithEverySnapshotDeleted() {
    doThrow(failure("agent restarted", FailureType.BACKUP_SESSION_LOST))
        .when(cloud.primary)
        .stopBackup(any());

    OperationView view = failedSnapshotBackup("backup-session-lost-thrice");

    assertThat(view.error()).isEqualTo("stop backup (attempt 3) failed: agent restarted");
    verify(cloud.primary, times(SnapshotBackup.MAX_ATTEMPTS)).startBackup(any());
    verify(cloud.iaas).deleteSnapshot("snap-1");
    verify(cloud.iaas).deleteSnapshot("snap-2");
    verify(cloud.iaas).deleteSnapshot("snap-3");
    recordedFailure();
  }

  @Test
  void aCatalogThatCannotBeWrittenFailsTheBackupAndItsSnapshotIsDeleted() {
    doThrow(failure("AccessDenied", FailureType.OBJECT_STORE_REJECTED))
        .when(cloud.catalog)
        .put(any());

    OperationView view = failedSnapshotBackup("backup-catalog-fails");

    assertThat(view.error())
        .isEqualTo(
            "record backup failed: AccessDenied; rollback incomplete: failed backup not recorded:"
                + " AccessDenied");
    verify(cloud.iaas).deleteSnapshot("snap-1");
    verify(cloud.catalog, times(2)).put(any());
  }

  @Test
  void aFailedCopyBackupIsRecordedAsFailed() {
    doThrow(failure("pgbackrest exited with code 82", FailureType.HOST_STATE_CONFLICT))
        .when(cloud.primary)
        .pgbackrestBackup(any());

    OperationView view =
        FailedOperation.viewOf(
            () -> cloud.stub("backup-copy-fails").backup(BackupFixture.input(BackupMode.COPY)));

    assertThat(view.error())
        .isEqualTo("pgBackRest full backup failed: pgbackrest exited with code 82");
    BackupRecord record = recordedFailure();
    assertThat(record.mode()).isEqualTo(BackupMode.COPY);
    assertThat(record.stanza()).isEqualTo("c-7f3a");
    assertThat(view.steps())
        .extracting(StepView::name)
        .containsExactly("check primary", "pgBackRest full backup", "record failed backup");
  }

  private static java.util.List<String> stepNames(OperationView view) {
    return view.steps().stream().map(StepView::name).toList();
  }
}
