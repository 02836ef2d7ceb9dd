package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.provision.ClusterAssembly;
import java.util.Comparator;
import java.util.List;

/**
 * The standby is rebuilt from the restored primary as provisioning builds it: same slot name,
 * credentials, plan parameters and replica hosts (both PostgreSQL VMs).
 */
final class StandbyInput {

  private StandbyInput() {}

  /**
   * Restored from another cluster's backup, the primary takes this cluster's id, passwords and
   * replica hosts, as provisioning bootstraps it.
   */
  static BootstrapPrimaryInput adopt(RestoreInput input) {
    BuildStandbyInput standby = of(input);
    return new BootstrapPrimaryInput(
        input.clusterId(), standby.credentials(), standby.parameters(), standby.replicaHosts());
  }

  static BuildStandbyInput of(RestoreInput input) {
    Topology topology = input.topology();
    ClusterSecrets secrets = input.secrets();
    return new BuildStandbyInput(
        input.clusterId(),
        topology.primary().address(),
        Topology.POSTGRES_PORT,
        ClusterAssembly.slotName(topology.standby()),
        new PostgresCredentials(
            secrets.superuserPassword(),
            ClusterSecrets.REPLICATION_USER,
            secrets.replicationPassword()),
        input.postgresParameters(),
        List.of(topology.primary(), topology.standby()).stream()
            .sorted(Comparator.comparingInt(ClusterNode::index))
            .map(ClusterNode::address)
            .toList());
  }
}
