package io.pgfleet.workflows.backup;

import static io.pgfleet.workflows.provision.ClusterFixture.CLUSTER_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.BackupStart;
import io.pgfleet.workflows.host.BackupStop;
import io.pgfleet.workflows.host.PgBackRestBackup;
import io.pgfleet.workflows.host.PgBackRestBackupInput;
import io.pgfleet.workflows.host.PgBackRestBackupType;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.host.StartBackupInput;
import io.pgfleet.workflows.iaas.SnapshotInfo;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/** One backup's inputs and the answers its activities give on the happy path. */
final class BackupFixture {

  static final String BACKUP_ID = "b-20240611-1015";
  static final String OPERATION_ID = "op-7";
  static final String PRIMARY_DISK = "disk-" + PRIMARY_ID;
  static final String LABEL_FILE =
      "START WAL LOCATION: 0/5000028 (file 000000010000000000000005)\n";
  static final long STARTED_AT = 1_718_100_900_000L;

  private BackupFixture() {}

  static BackupInput input(BackupMode mode) {
    return new BackupInput(
        CLUSTER_ID, OPERATION_ID, BACKUP_ID, ClusterFixture.topology(), mode, null);
  }

  /** With the cluster's passwords, as the cluster workflow passes them: a sentinel is written. */
  static BackupInput inputWithSecrets(BackupMode mode) {
    return new BackupInput(
        CLUSTER_ID,
        OPERATION_ID,
        BACKUP_ID,
        ClusterFixture.topology(),
        mode,
        null,
        ClusterFixture.SECRETS);
  }

  static BackupInput copyInput(PgBackRestBackupType type) {
    return new BackupInput(
        CLUSTER_ID, OPERATION_ID, BACKUP_ID, ClusterFixture.topology(), BackupMode.COPY, type);
  }

  static PostgresNodeStatus primaryStatus() {
    return status(PostgresRole.PRIMARY);
  }

  static PostgresNodeStatus status(PostgresRole role) {
    return new PostgresNodeStatus(
        ClusterFixture.PRIMARY_IP, 5432, role, 1, "0/5000100", "0/5000100", 0, true, 3);
  }

  static ArchiveStatus archiving() {
    return archive(true, true, false);
  }

  static ArchiveStatus archive(boolean configured, boolean archiving, boolean failing) {
    return new ArchiveStatus(
        CLUSTER_ID,
        configured,
        archiving ? "on" : "off",
        archiving,
        true,
        12,
        "000000010000000000000004",
        STARTED_AT - 5_000,
        failing ? 3 : 0,
        failing ? "000000010000000000000005" : null,
        failing ? STARTED_AT - 1_000 : null,
        failing,
        failing ? 2 : 0,
        failing ? 40L : null,
        1024L);
  }

  static BackupStart start(StartBackupInput input) {
    return new BackupStart(
        input.backupId(), "0/5000028", "000000010000000000000005", 1, STARTED_AT, 31_000_000L);
  }

  static BackupStop stop(String backupId) {
    return new BackupStop(
        backupId, "0/5000138", "000000010000000000000005", LABEL_FILE, null, STARTED_AT + 2_000);
  }

  static SnapshotInfo snapshot(String id, String disk, String state) {
    return new SnapshotInfo(id, disk, state, STARTED_AT + 500, 10, Map.of());
  }

  static PgBackRestBackup pgBackRest(PgBackRestBackupInput input) {
    boolean full = input.type() == PgBackRestBackupType.FULL;
    return new PgBackRestBackup(
        input.backupId(),
        full ? "20240611-101500F" : "20240611-101500F_20240611-111500I",
        input.type().option(),
        full ? null : "20240611-101500F",
        "0/7000028",
        "0/7000100",
        "000000010000000000000007",
        "000000010000000000000007",
        1,
        STARTED_AT,
        STARTED_AT + 9_000,
        31_000_000L,
        full ? 4_000_000L : 300_000L);
  }

  static ApplicationFailure failure(String message, FailureType type) {
    return ApplicationFailure.newNonRetryableFailure(message, type.name());
  }
}
