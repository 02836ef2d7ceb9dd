package io.pgfleet.workflows.cluster;

import java.util.List;

/**
 * The cluster's VMs and who is primary.
 *
 * @param deployment the BOSH deployment name
 */
public record Topology(String deployment, List<ClusterNode> nodes) {

  public static final int POSTGRES_PORT = 5432;
  public static final int PGPOOL_PORT = 9999;

  public ClusterNode primary() {
    return only(NodeRole.PRIMARY);
  }

  public ClusterNode standby() {
    return only(NodeRole.STANDBY);
  }

  public List<ClusterNode> pgpools() {
    return nodes.stream().filter(n -> n.role() == NodeRole.PGPOOL).toList();
  }

  /** The node agent's task queue on that VM. */
  public String taskQueue(ClusterNode node) {
    return "node/" + deployment + "/" + node.instanceId();
  }

  /** host:port of every pgpool: where clients connect. */
  public List<String> endpoints() {
    return pgpools().stream().map(n -> n.address() + ":" + PGPOOL_PORT).toList();
  }

  private ClusterNode only(NodeRole role) {
    return nodes.stream()
        .filter(n -> n.role() == role)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("topology has no " + role));
  }
}
