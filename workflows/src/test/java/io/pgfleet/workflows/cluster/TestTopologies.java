package io.pgfleet.workflows.cluster;

import java.util.List;

/** The five VMs a successful fake provision reports. */
final class TestTopologies {

  static final String PRIMARY_ADDRESS = "10.244.0.10";
  static final List<String> ENDPOINTS =
      List.of("10.244.0.20:9999", "10.244.0.21:9999", "10.244.0.22:9999");

  private TestTopologies() {}

  static Topology of(String deployment) {
    return new Topology(
        deployment,
        List.of(
            new ClusterNode("postgres", 0, "p0-uuid", PRIMARY_ADDRESS, NodeRole.PRIMARY),
            new ClusterNode("postgres", 1, "p1-uuid", "10.244.0.11", NodeRole.STANDBY),
            new ClusterNode("pgpool", 0, "g0-uuid", "10.244.0.20", NodeRole.PGPOOL),
            new ClusterNode("pgpool", 1, "g1-uuid", "10.244.0.21", NodeRole.PGPOOL),
            new ClusterNode("pgpool", 2, "g2-uuid", "10.244.0.22", NodeRole.PGPOOL)));
  }
}
