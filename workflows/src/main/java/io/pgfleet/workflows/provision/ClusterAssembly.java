package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.cluster.ApplicationDatabase;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolBackend;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.postgres.ApplicationDatabaseInput;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.VerifyReplicationInput;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inputs of the provisioning steps after the VMs exist, derived from the request and the
 * discovered topology only, so every retry and replay computes the same ones.
 */
public record ClusterAssembly(ProvisionInput input, Topology topology) {

  /** Role pgpool uses for health and streaming-replication checks: the superuser. */
  public static final String CHECK_USER = "postgres";

  /**
   * How long the standby may take to replay each marker. Streaming replay on an idle new cluster
   * takes milliseconds; 30 s absorbs a slow disk, and three markers (one per pgpool) stay inside
   * the SQL policy's start-to-close timeout.
   */
  public static final Duration REPLAY_WAIT = Duration.ofSeconds(30);

  public BootstrapPrimaryInput bootstrapPrimary() {
    return new BootstrapPrimaryInput(
        input.clusterId(), credentials(), input.plan().postgresParameters(), replicaHosts());
  }

  public BuildStandbyInput buildStandby() {
    return new BuildStandbyInput(
        input.clusterId(),
        topology.primary().address(),
        Topology.POSTGRES_PORT,
        slotName(topology.standby()),
        credentials(),
        input.plan().postgresParameters(),
        replicaHosts());
  }

  /**
   * Backend number = the node's index, whichever node is primary, so a failover re-routes by number
   * without renumbering (see FailoverTopology.backendId); pgpool finds the primary itself.
   */
  public ConfigurePgpoolInput configurePgpool() {
    ClusterSecrets secrets = input.secrets();
    return new ConfigurePgpoolInput(
        input.clusterId(),
        Stream.of(topology.primary(), topology.standby())
            .sorted(Comparator.comparingInt(ClusterNode::index))
            .map(node -> backend(node.index(), node))
            .toList(),
        CHECK_USER,
        secrets.superuserPassword(),
        ClusterSecrets.PCP_USER,
        secrets.pcpPassword());
  }

  public ApplicationDatabaseInput applicationDatabase() {
    return new ApplicationDatabaseInput(
        endpoint(topology.primary()), ApplicationDatabase.NAME, ApplicationDatabase.OWNER);
  }

  public VerifyReplicationInput verifyReplication() {
    return new VerifyReplicationInput(
        topology.endpoints(),
        endpoint(topology.standby()),
        input.secrets().superuserPassword(),
        REPLAY_WAIT.toMillis());
  }

  /** The primary's replication slot reserved for a standby. */
  public static String slotName(ClusterNode standby) {
    return "standby_" + standby.nodeName();
  }

  private PostgresCredentials credentials() {
    ClusterSecrets secrets = input.secrets();
    return new PostgresCredentials(
        secrets.superuserPassword(),
        ClusterSecrets.REPLICATION_USER,
        secrets.replicationPassword());
  }

  /** Both PostgreSQL VMs: either may be primary after a failover, and replicates from the other. */
  private List<String> replicaHosts() {
    return List.of(topology.primary().address(), topology.standby().address());
  }

  private PostgresEndpoint endpoint(ClusterNode node) {
    return new PostgresEndpoint(
        node.address(), Topology.POSTGRES_PORT, input.secrets().superuserPassword());
  }

  private static PgpoolBackend backend(int id, ClusterNode node) {
    return new PgpoolBackend(id, node.address(), Topology.POSTGRES_PORT, node.nodeName());
  }
}
