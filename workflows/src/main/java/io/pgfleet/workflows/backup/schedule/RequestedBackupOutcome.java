package io.pgfleet.workflows.backup.schedule;

/** How a backup the schedule asked the cluster for ended. */
public enum RequestedBackupOutcome {
  /** The backup completed and is in the catalog. */
  SUCCEEDED,
  /** The cluster ran the backup and it failed (the cluster has alerted). */
  FAILED,
  /**
   * The cluster did not take it: busy with another operation, not ready, or gone. Not a failure:
   * the next scheduled run tries again.
   */
  SKIPPED
}
