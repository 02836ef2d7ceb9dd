package io.pgfleet.workflows.backup;

import static io.pgfleet.workflows.backup.BackupFixture.BACKUP_ID;
import static io.pgfleet.workflows.backup.BackupFixture.LABEL_FILE;
import static io.pgfleet.workflows.backup.BackupFixture.PRIMARY_DISK;
import static io.pgfleet.workflows.backup.BackupFixture.STARTED_AT;
import static io.pgfleet.workflows.provision.ClusterFixture.CLUSTER_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.DEPLOYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.pgfleet.workflows.host.PgBackRestBackupInput;
import io.pgfleet.workflows.host.PgBackRestBackupType;
import io.pgfleet.workflows.host.StartBackupInput;
import io.pgfleet.workflows.iaas.CreateSnapshotRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** Both modes on the happy path: the steps, their order and the catalog entry they produce. */
class BackupWorkflowTest {

  private final BackupCloud cloud = new BackupCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void aSnapshotBackupStartsSnapshotsAndStopsOnThePrimaryThenRecordsTheBackup() {
    BackupResult result = cloud.stub("backup-snapshot").backup(BackupFixture.input(null));

    InOrder order = inOrder(cloud.primary, cloud.bosh, cloud.iaas, cloud.catalog);
    order.verify(cloud.primary).status();
    order.verify(cloud.primary).archiveStatus();
    order.verify(cloud.bosh).instances(DEPLOYMENT);
    order
        .verify(cloud.primary)
        .startBackup(
            new StartBackupInput(BACKUP_ID, "pgfleet backup " + BACKUP_ID + " of cluster c-7f3a"));
    order
        .verify(cloud.iaas)
        .createSnapshot(
            new CreateSnapshotRequest(
                PRIMARY_DISK,
                "pgfleet base backup " + BACKUP_ID + " of " + CLUSTER_ID + " postgres/0",
                Map.of("pgfleet:cluster", CLUSTER_ID, "pgfleet:backup", BACKUP_ID),
                BACKUP_ID));
    order.verify(cloud.primary).stopBackup(BACKUP_ID);
    order.verify(cloud.iaas).awaitSnapshot("snap-1");
    order.verify(cloud.catalog).put(result.backup());
    verify(cloud.iaas, never()).deleteSnapshot(any());
    verify(cloud.primary, never()).abortBackup(any());

    BackupRecord backup = result.backup();
    assertThat(backup.formatVersion()).isEqualTo(BackupRecord.FORMAT_VERSION);
    assertThat(backup.backupId()).isEqualTo(BACKUP_ID);
    assertThat(backup.clusterId()).isEqualTo(CLUSTER_ID);
    assertThat(backup.mode()).isEqualTo(BackupMode.SNAPSHOT);
    assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
    assertThat(backup.restorable()).isTrue();
    assertThat(backup.stanza()).isEqualTo(CLUSTER_ID);
    assertThat(backup.error()).isNull();
    assertThat(backup.timeline()).isEqualTo(1);
    assertThat(backup.start())
        .isEqualTo(new BackupPoint("0/5000028", "000000010000000000000005", STARTED_AT));
    assertThat(backup.stop())
        .isEqualTo(new BackupPoint("0/5000138", "000000010000000000000005", STARTED_AT + 2_000));
    assertThat(backup.sizeBytes()).isEqualTo(31_000_000L);
    assertThat(backup.snapshot())
        .isEqualTo(new SnapshotDetails(List.of("snap-1"), PRIMARY_DISK, 10, LABEL_FILE, null));
    assertThat(backup.copy()).isNull();

    OperationView view = result.operation();
    assertThat(view.type()).isEqualTo(OperationType.BACKUP);
    assertThat(view.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(view.steps())
        .extracting(StepView::name)
        .containsExactly(
            "check primary",
            "find primary disk",
            "start backup",
            "snapshot primary disk",
            "stop backup",
            "await snapshot",
            "record backup");
    assertThat(view.steps()).allMatch(step -> step.state() == OperationState.SUCCEEDED);
  }

  @Test
  void aCopyBackupRunsAFullPgBackRestBackupByDefaultAndRecordsTheSet() {
    BackupResult result = cloud.stub("backup-copy").backup(BackupFixture.input(BackupMode.COPY));

    verify(cloud.primary)
        .pgbackrestBackup(new PgBackRestBackupInput(BACKUP_ID, PgBackRestBackupType.FULL));
    verify(cloud.catalog).put(result.backup());
    verify(cloud.primary, never()).startBackup(any());
    verify(cloud.iaas, never()).createSnapshot(any());
    verify(cloud.bosh, never()).instances(any());
    BackupRecord backup = result.backup();
    assertThat(backup.mode()).isEqualTo(BackupMode.COPY);
    assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
    assertThat(backup.copy())
        .isEqualTo(new CopyDetails("20240611-101500F", "full", null, 4_000_000L));
    assertThat(backup.snapshot()).isNull();
    assertThat(backup.start().walFile()).isEqualTo("000000010000000000000007");
    assertThat(backup.stop().lsn()).isEqualTo("0/7000100");
    assertThat(result.operation().steps())
        .extracting(StepView::name)
        .containsExactly("check primary", "pgBackRest full backup", "record backup");
  }

  @Test
  void anIncrementalCopyBackupRecordsTheSetItBuildsOn() {
    BackupResult result =
        cloud.stub("backup-incr").backup(BackupFixture.copyInput(PgBackRestBackupType.INCR));

    ArgumentCaptor<PgBackRestBackupInput> request =
        ArgumentCaptor.forClass(PgBackRestBackupInput.class);
    verify(cloud.primary).pgbackrestBackup(request.capture());
    assertThat(request.getValue().type()).isEqualTo(PgBackRestBackupType.INCR);
    assertThat(result.backup().copy().type()).isEqualTo("incr");
    assertThat(result.backup().copy().priorLabel()).isEqualTo("20240611-101500F");
  }
}
