package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolBackend;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.provision.ClusterAssembly;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Host inputs for the VMs being updated, the same ones provisioning gave them (backend number =
 * node index, slot per standby), so a VM that kept its state sees no change but the settings.
 */
final class RollInputs {

  private RollInputs() {}

  static ConfigurePgpoolInput pgpool(String clusterId, Topology topology, ClusterSecrets secrets) {
    return new ConfigurePgpoolInput(
        clusterId,
        postgresNodes(topology).stream()
            .map(
                n ->
                    new PgpoolBackend(n.index(), n.address(), Topology.POSTGRES_PORT, n.nodeName()))
            .toList(),
        ClusterAssembly.CHECK_USER,
        secrets.superuserPassword(),
        ClusterSecrets.PCP_USER,
        secrets.pcpPassword());
  }

  static BuildStandbyInput standby(
      String clusterId,
      Topology topology,
      ClusterNode standby,
      ClusterSecrets secrets,
      Map<String, String> parameters) {
    return new BuildStandbyInput(
        clusterId,
        topology.primary().address(),
        Topology.POSTGRES_PORT,
        ClusterAssembly.slotName(standby),
        new PostgresCredentials(
            secrets.superuserPassword(),
            ClusterSecrets.REPLICATION_USER,
            secrets.replicationPassword()),
        parameters,
        postgresNodes(topology).stream().map(ClusterNode::address).toList());
  }

  private static List<ClusterNode> postgresNodes(Topology topology) {
    return topology.nodes().stream()
        .filter(n -> n.role() != NodeRole.PGPOOL)
        .sorted(Comparator.comparingInt(ClusterNode::index))
        .toList();
  }
}
