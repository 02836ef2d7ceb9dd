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
        c.context,
        c.archiveHealth);
  }

  /**
   * Roles come from the current topology (swapped by a failover). Node state follows the cluster's
   * phase: the workflow knows what it built and what the data plane reported, not how each VM is
   * doing right now.
   */
  private static List<NodeView> nodes(ClusterEntity c) {
    if (c.topology == null) {
      return List.of();
    }
    return c.topology.nodes().stream()
        .map(n -> new NodeView(n.name(), n.role(), n.address(), port(n), state(c.phase, n)))
        .toList();
  }

  /**
   * While failing over, the primary is the node in doubt; once an operator is needed, neither
   * PostgreSQL node's state is known (the topology says who should be primary, not who is). A
   * restore or switchover names what happens to both PostgreSQL nodes.
   */
  static String state(ClusterPhase phase, ClusterNode node) {
    return switch (phase) {
      case READY, BACKING_UP -> "running";
      case FAILING_OVER -> node.role() == NodeRole.PRIMARY ? "failing" : "running";
      case NEEDS_OPERATOR -> node.role() == NodeRole.PGPOOL ? "running" : "unknown";
      // Planned operations stop and start PostgreSQL; the pgpools keep running.
      case RESTORING, SWITCHING_OVER, UPDATING ->
          node.role() == NodeRole.PGPOOL ? "running" : phase.name().toLowerCase(Locale.ROOT);
      default -> phase.name().toLowerCase(Locale.ROOT);
    };
  }

  private static int port(ClusterNode node) {
    return node.role() == NodeRole.PGPOOL ? Topology.PGPOOL_PORT : Topology.POSTGRES_PORT;
  }
}
