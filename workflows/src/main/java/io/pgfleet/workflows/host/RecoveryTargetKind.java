package io.pgfleet.workflows.host;

/**
 * What a point-in-time recovery stops at. Every kind is inclusive: the restored database holds
 * everything committed at or before the target (PostgreSQL's {@code recovery_target_inclusive =
 * on}), and nothing committed after it.
 */
public enum RecoveryTargetKind {
  /**
   * A timestamp with zone, ISO-8601 ({@code 2026-11-22T08:15:30.250Z}): commits at or before it.
   */
  TIME,
  /** A transaction id ({@code 1234}): that transaction and every one committed before it. */
  XID,
  /** A WAL position ({@code 0/5000028}): everything up to and including that position. */
  LSN,
  /** A restore point made with {@code pg_create_restore_point(name)}: everything before it. */
  NAME,
  /** The end of the archive: everything archived. */
  LATEST
}
