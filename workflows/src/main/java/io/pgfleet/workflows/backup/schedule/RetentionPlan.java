package io.pgfleet.workflows.backup.schedule;

import io.pgfleet.workflows.backup.BackupRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What retention removes from a cluster's catalog: everything older than the oldest of the newest
 * {@code retainBackups} completed backups. Failed entries newer than that stay (they cost nothing
 * and say why a backup is missing), and so do copy-mode sets a kept incremental builds on. Without
 * a completed backup nothing is removed.
 *
 * @param doomed entries to remove, oldest first
 * @param oldestKept the oldest completed backup that stays; null when there is none
 */
record RetentionPlan(List<BackupRecord> doomed, BackupRecord oldestKept) {

  /** Retention never removes the last completed backup, whatever the policy says. */
  static final int MIN_RETAINED = 1;

  /** The catalog's own order: when the backup started (failed ones: when recorded), then id. */
  private static final Comparator<BackupRecord> OLDEST_FIRST =
      Comparator.comparingLong(RetentionPlan::takenAt).thenComparing(BackupRecord::backupId);

  static RetentionPlan choose(List<BackupRecord> entries, int retainBackups) {
    List<BackupRecord> sorted = new ArrayList<>(entries);
    sorted.sort(OLDEST_FIRST);
    List<Integer> completed = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      if (sorted.get(i).restorable()) {
        completed.add(i);
      }
    }
    if (completed.isEmpty()) {
      return new RetentionPlan(List.of(), null);
    }
    int retain = Math.max(MIN_RETAINED, retainBackups);
    int oldestKept = completed.get(Math.max(0, completed.size() - retain));
    List<BackupRecord> older = sorted.subList(0, oldestKept);
    Set<String> needed = setsNeeded(sorted.subList(oldestKept, sorted.size()), older);
    List<BackupRecord> doomed =
        older.stream().filter(r -> r.copy() == null || !needed.contains(r.copy().label())).toList();
    return new RetentionPlan(doomed, sorted.get(oldestKept));
  }

  /**
   * The pgBackRest sets kept incrementals build on, transitively: expiring a set removes every
   * incremental on it, so those stay (with their catalog entries) until nothing kept needs them.
   */
  private static Set<String> setsNeeded(List<BackupRecord> kept, List<BackupRecord> older) {
    Map<String, String> priorOf = new HashMap<>();
    for (BackupRecord r : older) {
      if (r.copy() != null) {
        priorOf.put(r.copy().label(), r.copy().priorLabel());
      }
    }
    Set<String> needed = new HashSet<>();
    for (BackupRecord r : kept) {
      String prior = r.copy() == null ? null : r.copy().priorLabel();
      while (prior != null && needed.add(prior)) {
        prior = priorOf.get(prior);
      }
    }
    return needed;
  }

  /**
   * The WAL file pruning may delete up to (exclusive): the start of the oldest completed backup
   * still in the catalog, i.e. the oldest kept one unless removing an older one failed ({@code
   * notRemoved}). Null when there is nothing to prune against.
   */
  String pruneBefore(Set<String> notRemoved) {
    BackupRecord oldest =
        doomed.stream()
            .filter(r -> r.restorable() && notRemoved.contains(r.backupId()))
            .findFirst()
            .orElse(oldestKept);
    return oldest == null || oldest.start() == null ? null : oldest.start().walFile();
  }

  private static long takenAt(BackupRecord r) {
    return r.start() != null ? r.start().atMillis() : r.recordedAtMillis();
  }
}
