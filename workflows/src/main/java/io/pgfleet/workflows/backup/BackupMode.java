package io.pgfleet.workflows.backup;

/** How a base backup is taken. */
public enum BackupMode {
  /**
   * An IaaS snapshot of the primary's persistent disk between pg_backup_start and pg_backup_stop:
   * seconds of work on the primary, whatever the database size.
   */
  SNAPSHOT,
  /** A pgBackRest backup into the cluster's S3 repository, for an IaaS without snapshots. */
  COPY
}
