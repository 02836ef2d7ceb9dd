package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;

/** The topology's facts a failover needs, as pure functions. */
public final class FailoverTopology {

  private FailoverTopology() {}

  /**
   * pgpool's backend number of a PostgreSQL node. Provisioning configures backend 0 = postgres/0
   * and backend 1 = postgres/1, and a failover re-routes without renumbering, so the number is the
   * node's index whichever node is primary.
   */
  public static int backendId(ClusterNode postgresNode) {
    return postgresNode.index();
  }

  /** The same VMs with primary and standby swapped. */
  public static Topology swapped(Topology topology) {
    return new Topology(
        topology.deployment(),
        topology.nodes().stream()
            .map(
                n ->
                    switch (n.role()) {
                      case PRIMARY -> withRole(n, NodeRole.STANDBY);
                      case STANDBY -> withRole(n, NodeRole.PRIMARY);
                      case PGPOOL -> n;
                    })
            .toList());
  }

  private static ClusterNode withRole(ClusterNode n, NodeRole role) {
    return new ClusterNode(n.instanceGroup(), n.index(), n.instanceId(), n.address(), role);
  }
}
