package io.pgfleet.gateway.ops;

import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.restore.RestoreMode;

/**
 * A validated restore request.
 *
 * @param backupId null lets the workflow pick the newest completed backup before the target
 * @param newInstanceId the cluster to create (NEW_CLUSTER); null in place
 */
record RestoreCommand(
    RestoreMode mode, String backupId, RecoveryTarget target, String newInstanceId) {

  /** For the audit log: "backup b-1, target time 2026-11-22T08:15:30Z". */
  String describe() {
    return (backupId == null ? "newest suitable backup" : "backup " + backupId)
        + ", target "
        + target.describe();
  }
}
