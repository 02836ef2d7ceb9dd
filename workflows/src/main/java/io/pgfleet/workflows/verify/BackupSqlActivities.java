package io.pgfleet.workflows.verify;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * SQL the control plane runs for backup verification, as the superuser over the network: the
 * sentinel row a backup writes before it starts, and the checks of a restored copy. Both methods
 * are idempotent; a node that cannot be reached fails retryably (HOST_COMMAND_FAILED) naming it.
 */
@ActivityInterface
public interface BackupSqlActivities {

  /**
   * Creates {@link BackupSentinel#TABLE} in {@link BackupSentinel#DATABASE} if missing and inserts
   * the backup's row; a row that exists already is left as it is.
   */
  @ActivityMethod(name = "BackupSql.writeSentinel")
  void writeSentinel(SentinelInput input);

  /**
   * Connects to every database that accepts connections, reads every user relation fully (including
   * TOASTed values) and looks for the backup's sentinel row. A relation that cannot be read or a
   * missing sentinel is an answer ({@code passed=false}), not a failure.
   */
  @ActivityMethod(name = "BackupSql.checkRestored")
  RestoreCheck checkRestored(RestoreCheckInput input);
}
