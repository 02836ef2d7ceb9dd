package io.pgfleet.workflows.host;

/** pgBackRest's backup types pgfleet uses (pgBackRest makes an incremental full if none exists). */
public enum PgBackRestBackupType {
  FULL,
  INCR;

  /** pgBackRest's --type value. */
  public String option() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
