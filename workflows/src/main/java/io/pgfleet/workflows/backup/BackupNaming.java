package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.regex.Pattern;

/** Names derived from a backup id, in one place so workflow, catalog and agent agree. */
public final class BackupNaming {

  /** Safe as an S3 key segment, an EC2 tag value and inside a pg_backup_start label. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private BackupNaming() {}

  /**
   * The agent session (and snapshot client token) of one attempt. A lost session means a new backup
   * on the PostgreSQL side, so each attempt has its own name; attempt 1 is the backup id.
   */
  public static String session(String backupId, int attempt) {
    return attempt == 1 ? backupId : backupId + "-attempt" + attempt;
  }

  /** pg_backup_start's label: it lands in backup_label and the server log. */
  public static String label(String clusterId, String session) {
    return "pgfleet backup " + session + " of cluster " + clusterId;
  }

  public static boolean isSafe(String id) {
    return id != null && SAFE_ID.matcher(id).matches();
  }

  /** Fails with INVALID_INPUT unless {@code id} is safe to use as a name segment. */
  public static String requireSafe(String what, String id) {
    if (!isSafe(id)) {
      throw ApplicationFailure.newNonRetryableFailure(
          what
              + " '"
              + id
              + "' is not usable: 1-128 letters, digits, '.', '_' or '-', starting with a letter"
              + " or digit",
          FailureType.INVALID_INPUT.name());
    }
    return id;
  }
}
