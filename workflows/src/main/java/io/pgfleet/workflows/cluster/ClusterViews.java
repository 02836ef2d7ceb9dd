package io.pgfleet.workflows.cluster;

import java.util.List;
import java.util.Locale;

/** The cluster as the view() query shows it. */
final class ClusterViews {

  private ClusterViews() {}

  static ClusterView of(ClusterEntity c) {
    return new ClusterView(
        c.clusterId,
        c.serviceId,
        c.planId,
        c.phase,
        nodes(c),
        c.topology == null ? List.of() : c.topology.endpoints(),
        c.operations.views(),
        List.copyOf(c.bindings.keySet()),
        c.context);
  }

  /**
   * Node state follows the cluster's phase: the workflow knows what it built, not how each VM is
   * doing right now (health reports arrive with failover handling).
   */
  private static List<NodeView> nodes(ClusterEntity c) {
    if (c.topology == null) {
      return List.of();
    }
    String state =
        c.phase == ClusterPhase.READY ? "running" : c.phase.name().toLowerCase(Locale.ROOT);
    return c.topology.nodes().stream()
        .map(n -> new NodeView(n.name(), n.role(), n.address(), port(n), state))
        .toList();
  }

  private static int port(ClusterNode node) {
    return node.role() == NodeRole.PGPOOL ? Topology.PGPOOL_PORT : Topology.POSTGRES_PORT;
  }
}
