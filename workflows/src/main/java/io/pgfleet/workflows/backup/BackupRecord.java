package io.pgfleet.workflows.backup;

/**
 * A backup's catalog entry, stored as a self-describing JSON object beside the cluster's WAL
 * archive, so a lost control plane can rebuild its catalog from the bucket alone.
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written; readers skip fields they don't know
 * @param stanza the pgBackRest stanza whose archive holds the WAL a restore replays
 * @param error why the backup failed; null when it completed
 * @param timeline the timeline the backup was taken on; null when it failed before it started
 * @param start where recovery from this backup begins; null when it failed before it started
 * @param stop where the restored copy becomes consistent; the earliest point it can be restored to
 * @param sizeBytes the database's size when the backup was taken
 * @param snapshot the snapshot-mode part; null in copy mode
 * @param copy the copy-mode part; null in snapshot mode
 * @param pgfleetVersion the pgfleet build that wrote the entry; the catalog fills it in
 * @param recordedAtMillis when the workflow recorded the outcome (workflow clock)
 */
public record BackupRecord(
    int formatVersion,
    String backupId,
    String clusterId,
    BackupMode mode,
    BackupStatus status,
    String stanza,
    String error,
    Integer timeline,
    BackupPoint start,
    BackupPoint stop,
    Long sizeBytes,
    SnapshotDetails snapshot,
    CopyDetails copy,
    String pgfleetVersion,
    long recordedAtMillis) {

  /** Version 1: this record's fields. Later versions only add fields, which readers ignore. */
  public static final int FORMAT_VERSION = 1;

  public BackupRef ref() {
    return new BackupRef(clusterId, backupId);
  }

  /** Whether a restore can use it (not isRestorable: Jackson would send an is-getter along). */
  public boolean restorable() {
    return status == BackupStatus.COMPLETED;
  }

  public BackupRecord withPgfleetVersion(String version) {
    return new BackupRecord(
        formatVersion,
        backupId,
        clusterId,
        mode,
        status,
        stanza,
        error,
        timeline,
        start,
        stop,
        sizeBytes,
        snapshot,
        copy,
        version,
        recordedAtMillis);
  }
}
