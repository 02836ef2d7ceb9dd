package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.postgres.NodeProbe;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One look at the cluster during confirmation: every pgpool's view of the primary's backend and the
 * control plane's own probes of both PostgreSQL nodes (null when the probe itself failed).
 */
public record Observation(List<PgpoolView> pgpools, NodeProbe primary, NodeProbe standby) {

  public long pgpoolsSeeingDown() {
    return pgpools.stream().filter(PgpoolView::seesDown).count();
  }

  /** The control plane could not connect to the primary (refused or timed out). */
  public boolean controlPlaneSeesDown() {
    return primary != null && !primary.reachable();
  }

  /** E.g. "pgpool/0: down, pgpool/1: up, pgpool/2: no view (no answer), control plane: refused". */
  public String describe() {
    String views = pgpools.stream().map(PgpoolView::describe).collect(Collectors.joining(", "));
    return views + ", control plane: " + describe(primary);
  }

  static String describe(NodeProbe probe) {
    if (probe == null) {
      return "no view";
    }
    if (probe.reachable()) {
      return probe.writable() ? "writable" : "in recovery";
    }
    return probe.refused() ? "refused" : "unreachable";
  }
}
