package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupRecord;
import io.temporal.failure.ApplicationFailure;
import java.util.Comparator;
import java.util.List;

/**
 * Which backup a verification restores: the one named, or the newest restorable snapshot backup. A
 * backup that cannot be restored fails with INVALID_INPUT before anything is created.
 */
final class BackupChoice {

  private BackupChoice() {}

  /**
   * @param named the catalog's entry for the named backup, null when it has none
   */
  static BackupRecord named(String clusterId, String backupId, BackupRecord named) {
    if (named == null) {
      throw invalid("backup " + backupId + " of cluster " + clusterId + " is not in the catalog");
    }
    return restorable(named);
  }

  /** The newest completed snapshot backup of the listing (oldest first). */
  static BackupRecord newest(String clusterId, List<BackupRecord> backups) {
    return backups.stream()
        .filter(b -> b.restorable() && b.mode() == BackupMode.SNAPSHOT && b.stop() != null)
        .max(Comparator.comparingLong(b -> b.stop().atMillis()))
        .orElseThrow(
            () -> invalid("cluster " + clusterId + " has no completed snapshot backup to verify"));
  }

  private static BackupRecord restorable(BackupRecord backup) {
    String name = "backup " + backup.backupId() + " of cluster " + backup.clusterId();
    if (!backup.restorable()) {
      throw invalid(name + " is " + backup.status() + " and cannot be restored: " + backup.error());
    }
    if (backup.mode() != BackupMode.SNAPSHOT) {
      throw invalid(name + " is a " + backup.mode() + " backup; only snapshot backups restore");
    }
    if (backup.stop() == null || backup.stop().lsn() == null) {
      throw invalid(name + " records no stop position to recover to");
    }
    return backup;
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.name());
  }
}
