package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.host.RecoveryTarget;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which backup a restore starts from: the one asked for, if restorable, else the newest completed
 * snapshot backup that ends at or before the target (TIME, LSN), or the newest one (XID, NAME,
 * LATEST: where those lie in time is unknown until recovery reaches them).
 */
final class BackupChoice {

  private BackupChoice() {}

  /** The backup named by id, as the catalog returned it; INVALID_INPUT when it is no use. */
  static BackupRecord named(Optional<BackupRecord> found, String clusterId, String backupId) {
    BackupRecord backup =
        found.orElseThrow(
            () -> Rejection.because("cluster " + clusterId + " has no backup " + backupId));
    if (!backup.restorable()) {
      throw Rejection.because(
          "backup %s of cluster %s is %s (%s) and cannot be restored"
              .formatted(backupId, clusterId, backup.status(), backup.error()));
    }
    if (!restorableSnapshot(backup)) {
      throw Rejection.because(
          "backup %s of cluster %s is a %s backup; only snapshot backups can be restored"
              .formatted(backupId, clusterId, backup.mode()));
    }
    return backup;
  }

  /** The newest usable backup for the target among the catalog's entries. */
  static BackupRecord newest(List<BackupRecord> all, String clusterId, RecoveryTarget target) {
    Predicate<BackupRecord> beforeTarget =
        switch (target.kind()) {
          case TIME -> {
            long at = RecoveryTargets.timeMillis(target);
            yield b -> b.stop().atMillis() <= at;
          }
          case LSN -> {
            long lsn = RecoveryTargets.lsn(target);
            yield b -> Lsn.parse(b.stop().lsn()) <= lsn;
          }
          case XID, NAME, LATEST -> b -> true;
        };
    return all.stream()
        .filter(BackupRecord::restorable)
        .filter(BackupChoice::restorableSnapshot)
        .filter(beforeTarget)
        .max(Comparator.comparingLong((BackupRecord b) -> b.stop().atMillis()))
        .orElseThrow(
            () ->
                Rejection.because(
                    "cluster %s has no completed snapshot backup%s"
                        .formatted(
                            clusterId,
                            switch (target.kind()) {
                              case TIME, LSN -> " that ends at or before " + target.describe();
                              default -> "";
                            })));
  }

  private static boolean restorableSnapshot(BackupRecord backup) {
    return backup.mode() == BackupMode.SNAPSHOT
        && backup.snapshot() != null
        && backup.snapshot().snapshotIds() != null
        && !backup.snapshot().snapshotIds().isEmpty()
        && backup.snapshot().backupLabel() != null
        && backup.stop() != null
        && Lsn.valid(backup.stop().lsn());
  }
}
