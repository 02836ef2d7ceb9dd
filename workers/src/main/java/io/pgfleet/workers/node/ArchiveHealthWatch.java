package io.pgfleet.workers.node;

import io.pgfleet.workflows.cluster.ArchiveHealth;
import io.pgfleet.workflows.host.ArchiveStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns polls of the local archiver into a report for the cluster whenever archiving changes state
 * on this primary: healthy, or failing / falling behind. Only a state the cluster has not been told
 * (or not for {@link #REPEAT_MILLIS}) is reported, so a fleet's agents signal on change, not per
 * poll; a report whose delivery failed is offered again on the next poll. A node that does not
 * archive (a standby, a stopped server, no repository) reports nothing, and forgets what it told:
 * promoted later, it reports afresh.
 */
final class ArchiveHealthWatch {

  /**
   * How long a WAL file may wait before archiving counts as falling behind: pgBackRest's async push
   * hands over batches within seconds, and a store that is slow for a minute or two catches up;
   * five minutes of waiting means PITR is losing ground.
   */
  static final long PENDING_TOO_LONG_SECONDS = 300;

  /**
   * How often an unchanged state is told again: the cluster sets aside a report it cannot place
   * (from a new primary while its failover still runs), so the view catches up within this.
   */
  static final long REPEAT_MILLIS = 600_000;

  private final String reporter;

  /** The state the cluster was last told; null when none since this node archives. */
  private Boolean told;

  private long toldAtMillis;

  ArchiveHealthWatch(String reporter) {
    this.reporter = reporter;
  }

  /** A report to send, when this observation differs from what the cluster was last told. */
  Optional<ArchiveHealth> observe(Optional<ArchiveStatus> seen, long now) {
    if (seen.isEmpty() || !seen.get().archiving() || seen.get().stanza() == null) {
      told = null;
      return Optional.empty();
    }
    ArchiveStatus s = seen.get();
    String problem = problem(s);
    boolean healthy = problem == null;
    if (told != null && told == healthy && now - toldAtMillis < REPEAT_MILLIS) {
      return Optional.empty();
    }
    return Optional.of(
        new ArchiveHealth(
            reporter,
            healthy,
            problem,
            s.lastArchivedWal(),
            s.lastArchivedAtMillis(),
            s.pendingSegments(),
            s.oldestPendingSeconds(),
            s.lagBytes(),
            now));
  }

  /** The cluster has the report. */
  void delivered(ArchiveHealth report) {
    told = report.healthy();
    toldAtMillis = report.atMillis();
  }

  private static String problem(ArchiveStatus s) {
    List<String> problems = new ArrayList<>();
    if (s.failing()) {
      problems.add(
          "archiving %s into stanza %s failed (%d failures so far)"
              .formatted(s.lastFailedWal(), s.stanza(), s.failedCount()));
    }
    if (s.oldestPendingSeconds() != null && s.oldestPendingSeconds() > PENDING_TOO_LONG_SECONDS) {
      problems.add(
          "%d WAL files wait to be archived, the oldest for %d s"
              .formatted(s.pendingSegments(), s.oldestPendingSeconds()));
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }
}
