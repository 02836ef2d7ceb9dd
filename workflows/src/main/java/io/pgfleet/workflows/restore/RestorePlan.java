package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.host.ArchiveSettings;

/**
 * What validation settled: the backup to restore and the archive its WAL comes from (the source
 * cluster's stanza).
 */
record RestorePlan(BackupRecord backup, ArchiveSettings source) {

  /** The snapshot every node's volume is made from (a snapshot backup has one, of the primary). */
  String snapshotId() {
    return backup.snapshot().snapshotIds().get(0);
  }
}
