package io.pgfleet.workflows.verify;

/**
 * Where a backup leaves its sentinel row: written on the primary just before the backup starts, so
 * every copy restored from that backup must hold it, and a copy that does not was not restored from
 * that backup (or not completely).
 */
public final class BackupSentinel {

  private BackupSentinel() {}

  /** Every cluster has it; the application's databases stay untouched. */
  public static final String DATABASE = "postgres";

  /** {@code (backup_id text primary key, written_at timestamptz)}, in the public schema. */
  public static final String TABLE = "pgfleet_backup_sentinel";
}
