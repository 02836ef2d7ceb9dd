package io.pgfleet.workflows.backup;

/** A backup's outcome as its catalog entry records it. */
public enum BackupStatus {
  /** Restorable: the data is complete in the snapshot or repository, its WAL archived. */
  COMPLETED,
  /** Not restorable; the entry says why. What the attempt created was removed where possible. */
  FAILED
}
