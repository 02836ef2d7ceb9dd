package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.postgres.NodeProbe;

/**
 * Two nodes taking writes at once. The one on the older timeline is fenced at once: the newer
 * timeline descends from a promotion, so the older one is the primary that should have stopped.
 *
 * @param stale the node to fence, null when there is no split brain
 */
public record SplitBrain(Decision decision, ClusterNode stale) {

  public boolean seen() {
    return decision.yes();
  }

  /** Judged from the control plane's probes of both PostgreSQL nodes. */
  public static SplitBrain check(Topology topology, Observation seen) {
    ClusterNode primary = topology.primary();
    ClusterNode standby = topology.standby();
    NodeProbe p = seen.primary();
    NodeProbe s = seen.standby();
    if (p == null || s == null || !p.writable() || !s.writable()) {
      return new SplitBrain(
          Decision.no(
              "no split brain: %s is %s, %s is %s"
                  .formatted(
                      primary.name(),
                      Observation.describe(p),
                      standby.name(),
                      Observation.describe(s))),
          null);
    }
    if (p.timeline() == s.timeline()) {
      // No promotion tells them apart: keep the one clients were told to write to.
      return new SplitBrain(
          Decision.yes(
              "split brain: %s and %s both take writes on timeline %d; fencing %s at once, as the topology names %s primary"
                  .formatted(
                      primary.name(),
                      standby.name(),
                      p.timeline(),
                      standby.name(),
                      primary.name())),
          standby);
    }
    ClusterNode stale = p.timeline() < s.timeline() ? primary : standby;
    return new SplitBrain(
        Decision.yes(
            "split brain: %s (timeline %d) and %s (timeline %d) both take writes; fencing %s at once, it is on the older timeline"
                .formatted(
                    primary.name(), p.timeline(), standby.name(), s.timeline(), stale.name())),
        stale);
  }
}
