package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.provision.ClusterFixture.CLUSTER_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static io.pgfleet.workflows.provision.ClusterFixture.SECRETS;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_ID;

import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.failover.FailoverTrigger.FailureReport;
import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.iaas.PowerState;
import io.pgfleet.workflows.postgres.NodeProbe;
import io.pgfleet.workflows.provision.ClusterFixture;
import java.util.List;

/** The cluster of the provision tests, its primary failing, as the failover tests see it. */
final class FailoverFixture {

  static final String OPERATION_ID = "op-failover";
  static final long ONE_MIB = 1024 * 1024;
  static final long STANDBY_LAG = 4096;
  static final String PRIMARY_VM = "vm-" + PRIMARY_ID;
  static final String STANDBY_VM = "vm-" + STANDBY_ID;
  static final Topology TOPOLOGY = ClusterFixture.topology();

  private FailoverFixture() {}

  /**
   * @param reportedAtMillis when pgpool/0 reported the primary down (ignored when manual); the
   *     tolerance counts from there
   */
  static FailoverInput input(boolean manual, long reportedAtMillis) {
    List<FailureReport> reports =
        manual
            ? List.of()
            : List.of(new FailureReport("pgpool/0", reportedAtMillis, "backend 0 down"));
    return new FailoverInput(
        CLUSTER_ID,
        OPERATION_ID,
        TOPOLOGY,
        SECRETS,
        ONE_MIB,
        new FailoverTrigger(manual, reports),
        0,
        PlanCatalog.SMALL.postgresParameters());
  }

  /** pgpool's view with backend 0 (postgres/0) in the given state and backend 1 up. */
  static PgpoolNodeStatus pgpool(String primaryBackend) {
    return new PgpoolNodeStatus(
        "pgpool",
        9999,
        true,
        List.of(
            new PgpoolBackendStatus(0, PRIMARY_IP, 5432, primaryBackend, "primary"),
            new PgpoolBackendStatus(1, "10.244.0.11", 5432, "up", "standby")));
  }

  static NodeProbe refused(String host) {
    return new NodeProbe(host, 5432, false, true, false, 0, null, "Connection refused");
  }

  static NodeProbe timedOut(String host) {
    return new NodeProbe(host, 5432, false, false, false, 0, null, "connect timed out");
  }

  static NodeProbe writable(String host, int timeline) {
    return new NodeProbe(host, 5432, true, false, true, timeline, "0/3000060", null);
  }

  static NodeProbe inRecovery(String host, int timeline) {
    return new NodeProbe(host, 5432, true, false, false, timeline, "0/3000060", null);
  }

  static PostgresNodeStatus standby(long lagBytes) {
    return new PostgresNodeStatus(
        "postgres", 5432, PostgresRole.STANDBY, 1, "0/3001000", "0/3000000", lagBytes, false, 0);
  }

  static PostgresNodeStatus primary(int timeline) {
    return new PostgresNodeStatus(
        "postgres", 5432, PostgresRole.PRIMARY, timeline, "0/3001000", "0/3001000", 0, false, 0);
  }

  static PowerState power(String vmCid, String state) {
    return new PowerState(vmCid, state, 0);
  }
}
