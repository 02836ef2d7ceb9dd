package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.host.RecoveryTarget;
import java.time.Instant;

/**
 * Whether the archive can take the backup to the target: the target lies between the backup's stop
 * (where the restored copy becomes consistent) and the newest archived WAL, both inclusive. A
 * target PostgreSQL still cannot reach (an xid that never committed, a gap) is found by recovery
 * itself.
 */
final class CoverageCheck {

  private CoverageCheck() {}

  /** Fails with INVALID_INPUT naming the bound the target crosses. */
  static void check(BackupRecord backup, RecoveryTarget target, ArchiveCoverage coverage) {
    if (coverage == null || coverage.newestWalFile() == null || coverage.newestEndLsn() == null) {
      throw Rejection.because(
          "the WAL archive of cluster %s holds no WAL; backup %s cannot be recovered"
              .formatted(backup.clusterId(), backup.backupId()));
    }
    long newestEnd = Lsn.parse(coverage.newestEndLsn());
    long backupStop = Lsn.parse(backup.stop().lsn());
    if (backupStop > newestEnd) {
      throw Rejection.because(
          "backup %s ends at %s, after the newest archived WAL (%s ends at %s)"
              .formatted(
                  backup.backupId(),
                  backup.stop().lsn(),
                  coverage.newestWalFile(),
                  coverage.newestEndLsn()));
    }
    switch (target.kind()) {
      case TIME -> checkTime(backup, target, coverage);
      case LSN -> {
        long lsn = RecoveryTargets.lsn(target);
        if (lsn > newestEnd) {
          throw Rejection.because(
              "%s is after the newest archived WAL (%s ends at %s)"
                  .formatted(target.describe(), coverage.newestWalFile(), coverage.newestEndLsn()));
        }
        if (lsn < backupStop) {
          throw Rejection.because(
              "%s is before backup %s becomes consistent at %s; choose an older backup"
                  .formatted(target.describe(), backup.backupId(), backup.stop().lsn()));
        }
      }
      case XID, NAME, LATEST -> {
        // where these lie is known only to recovery; it fails with RECOVERY_TARGET_NOT_REACHED
      }
    }
  }

  private static void checkTime(
      BackupRecord backup, RecoveryTarget target, ArchiveCoverage coverage) {
    long at = RecoveryTargets.timeMillis(target);
    Long newest = coverage.newestArchivedAtMillis();
    if (newest == null || at > newest) {
      throw Rejection.because(
          "%s is after the newest archived WAL (%s, stored %s): commits after that are not in the"
                  .formatted(target.describe(), coverage.newestWalFile(), instant(newest))
              + " archive");
    }
    if (at < backup.stop().atMillis()) {
      throw Rejection.because(
          "%s is before backup %s becomes consistent (%s); choose an older backup"
              .formatted(target.describe(), backup.backupId(), instant(backup.stop().atMillis())));
    }
  }

  private static String instant(Long millis) {
    return millis == null ? "never" : Instant.ofEpochMilli(millis).toString();
  }
}
