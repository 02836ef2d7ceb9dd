package io.pgfleet.workflows.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's recent backups, oldest first, bounded so the state carried across continue-as-new
 * stays small; the catalog in the repository keeps every entry.
 */
final class BackupLog {

  /** A day of hourly backups plus some: enough for the API's list, small in the state. */
  static final int MAX_BACKUPS = 30;

  private final List<BackupSummary> backups;

  BackupLog(List<BackupSummary> carried) {
    this.backups = new ArrayList<>(carried == null ? List.of() : carried);
  }

  /** Adds or replaces (same backup id) the summary; drops the oldest beyond the bound. */
  void put(BackupSummary summary) {
    for (int i = 0; i < backups.size(); i++) {
      if (backups.get(i).backupId().equals(summary.backupId())) {
        backups.set(i, summary);
        return;
      }
    }
    backups.add(summary);
    while (backups.size() > MAX_BACKUPS) {
      backups.remove(0);
    }
  }

  /** Forgets backups retention removed; unknown ids are ignored (a repeated signal). */
  void remove(List<String> backupIds) {
    if (backupIds != null) {
      backups.removeIf(b -> backupIds.contains(b.backupId()));
    }
  }

  Optional<BackupSummary> find(String backupId) {
    return backups.stream().filter(b -> b.backupId().equals(backupId)).findFirst();
  }

  List<BackupSummary> views() {
    return List.copyOf(backups);
  }
}
