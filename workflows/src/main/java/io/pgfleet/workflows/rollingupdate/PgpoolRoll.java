package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PgpoolWatchdogStatus;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/**
 * One pgpool VM: pgpool stopped (its clients move to the other two), the VM restarted or recreated
 * by BOSH, pgpool configured and started again (a recreated VM lost its configuration with its
 * ephemeral disk; a restarted one has it, and configure then only starts it), and waited for until
 * it routes writes to the primary again and its watchdog hears every peer with a quorum and a
 * leader, so the next pgpool is stopped only once all three vote again.
 */
final class PgpoolRoll {

  private PgpoolRoll() {}

  static String run(RollingUpdateInput input, Topology topology, ClusterNode node, BoshRoll bosh) {
    PgpoolHostActivities agent =
        Workflow.newActivityStub(
            PgpoolHostActivities.class, RollingUpdatePolicies.host(topology.taskQueue(node)));
    agent.stop();
    bosh.cycle(node);
    agent.configure(RollInputs.pgpool(input.clusterId(), topology, input.secrets()));
    int primary = FailoverTopology.backendId(topology.primary());
    boolean routes = false;
    PgpoolWatchdogStatus watchdog = null;
    for (int i = 0; i < RollingUpdatePolicies.ROUTE_WAIT_SECONDS; i++) {
      routes = routes || routesTo(agent.status(), primary);
      if (routes) {
        watchdog = agent.watchdog();
        if (watchdog.joined()) {
          return "%s routes to %s, watchdog %s"
              .formatted(
                  node.name(),
                  topology.primary().name(),
                  watchdog.enabled() ? "joined (leader " + watchdog.leaderHost() + ")" : "off");
        }
      }
      Workflow.sleep(RollingUpdatePolicies.POLL);
    }
    String why =
        routes
            ? "its watchdog does not hear %d of %d peers with a quorum (%s)"
                .formatted(
                    watchdog.aliveRemoteNodes(), watchdog.remoteNodes(), watchdog.quorumState())
            : "it does not route writes to " + topology.primary().name();
    throw ApplicationFailure.newNonRetryableFailure(
        "%s: %s within %d s after its update"
            .formatted(node.name(), why, RollingUpdatePolicies.ROUTE_WAIT_SECONDS),
        FailureType.OPERATION_FAILED.name());
  }

  static boolean routesTo(PgpoolNodeStatus status, int primaryBackend) {
    if (status == null || !status.running()) {
      return false;
    }
    for (PgpoolBackendStatus backend : status.backends()) {
      if (backend.id() == primaryBackend) {
        return "up".equals(backend.status()) && "primary".equals(backend.role());
      }
    }
    return false;
  }
}
