package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/**
 * One pgpool VM: pgpool stopped (its clients move to the other two), the VM restarted or recreated
 * by BOSH, pgpool configured and started again (a recreated VM lost its configuration with its
 * ephemeral disk; a restarted one has it, and configure then only starts it), and waited for until
 * it routes writes to the primary again.
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
    for (int i = 0; i < RollingUpdatePolicies.ROUTE_WAIT_SECONDS; i++) {
      PgpoolNodeStatus status = agent.status();
      if (routesTo(status, primary)) {
        return node.name() + " routes to " + topology.primary().name();
      }
      Workflow.sleep(RollingUpdatePolicies.POLL);
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "%s does not route writes to %s within %d s after its update"
            .formatted(
                node.name(), topology.primary().name(), RollingUpdatePolicies.ROUTE_WAIT_SECONDS),
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
