package io.pgfleet.workers.node;

import io.pgfleet.activities.host.StandbyStreamProbe.Observation;
import io.pgfleet.workflows.cluster.DataPlaneReport;
import java.util.Optional;

/**
 * Turns polls of the local standby into one report per loss of its replication stream: the WAL
 * receiver streamed, then has not for longer than {@link #LOSS_TOLERANCE_MILLIS}. A standby that
 * has not streamed since the agent watches it (just built, catching up, or already cut off when the
 * agent started) is not reported; neither is a node that is down itself or a primary.
 */
final class StreamLossWatch {

  /**
   * A WAL receiver reconnects within a moment after a hiccup of its connection; a primary that is
   * gone stays gone. pgpool sees a crash within about a second as well, so this report backs it up
   * rather than races it.
   */
  static final long LOSS_TOLERANCE_MILLIS = 2_000;

  private final String reporter;

  /** Whether the standby streamed since it is watched (and up, and a standby). */
  private boolean streamed;

  /** The primary it streams from: its configured upstream, as last seen. */
  private String upstream = "";

  private long lostSince = -1;
  private boolean reported;

  StreamLossWatch(String reporter) {
    this.reporter = reporter;
  }

  Optional<DataPlaneReport> observe(Optional<Observation> seen, long now) {
    if (seen.isEmpty() || !seen.get().standby()) {
      streamed = false;
      upstream = "";
      lostSince = -1;
      reported = false;
      return Optional.empty();
    }
    Observation standby = seen.get();
    if (!standby.upstreamHost().isEmpty()) {
      // the configured upstream is the current one, also after a rejoin to a new primary
      upstream = standby.upstreamHost();
    }
    if (standby.streaming()) {
      streamed = true;
      lostSince = -1;
      reported = false;
      return Optional.empty();
    }
    if (!streamed || upstream.isEmpty()) {
      return Optional.empty();
    }
    if (lostSince < 0) {
      lostSince = now;
    }
    if (reported || now - lostSince <= LOSS_TOLERANCE_MILLIS) {
      return Optional.empty();
    }
    reported = true;
    return Optional.of(
        new DataPlaneReport(
            reporter,
            upstream,
            lostSince,
            "standby's WAL receiver has not streamed from "
                + upstream
                + " for "
                + (now - lostSince)
                + " ms"));
  }
}
