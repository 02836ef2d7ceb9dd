package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.host.BackupStart;
import io.pgfleet.workflows.host.BackupStop;
import io.pgfleet.workflows.host.PgBackRestBackup;
import io.pgfleet.workflows.iaas.SnapshotInfo;
import java.util.List;

/** Catalog entries from what the backup's steps returned. */
final class BackupRecords {

  private BackupRecords() {}

  static BackupRecord snapshot(
      BackupInput input,
      String stanza,
      BackupStart start,
      BackupStop stop,
      SnapshotInfo snapshot,
      long nowMillis) {
    SnapshotDetails details =
        new SnapshotDetails(
            List.of(snapshot.snapshotId()),
            snapshot.diskCid(),
            snapshot.sizeGb(),
            stop.backupLabel(),
            stop.tablespaceMap());
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        input.backupId(),
        input.clusterId(),
        BackupMode.SNAPSHOT,
        BackupStatus.COMPLETED,
        stanza,
        null,
        start.timeline(),
        new BackupPoint(start.startLsn(), start.startWalFile(), start.startedAtMillis()),
        new BackupPoint(stop.stopLsn(), stop.stopWalFile(), stop.stoppedAtMillis()),
        start.databaseSizeBytes(),
        details,
        null,
        null,
        nowMillis);
  }

  static BackupRecord copy(
      BackupInput input, String stanza, PgBackRestBackup backup, long nowMillis) {
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        input.backupId(),
        input.clusterId(),
        BackupMode.COPY,
        BackupStatus.COMPLETED,
        stanza,
        null,
        backup.timeline(),
        new BackupPoint(backup.startLsn(), backup.startWalFile(), backup.startedAtMillis()),
        new BackupPoint(backup.stopLsn(), backup.stopWalFile(), backup.stoppedAtMillis()),
        backup.databaseSizeBytes(),
        null,
        new CopyDetails(
            backup.label(), backup.type(), backup.priorLabel(), backup.repositorySizeBytes()),
        null,
        nowMillis);
  }

  /** A failed backup and why. Its snapshots are not listed: the rollback deleted them. */
  static BackupRecord failed(
      BackupInput input, BackupMode mode, String stanza, String error, long nowMillis) {
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        input.backupId(),
        input.clusterId(),
        mode,
        BackupStatus.FAILED,
        stanza,
        error,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        nowMillis);
  }
}
