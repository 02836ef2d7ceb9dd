package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One standby: PostgreSQL stopped (fast), the VM restarted or recreated by BOSH (the data directory
 * is on the persistent disk and survives both), then buildStandby with the new settings: for a node
 * that still follows the primary it rewrites the managed settings and starts it (PostgreSQL reads
 * them at start). Done once it streams and is caught up, and every pgpool attached it again (their
 * health checks detached it while it was down). Never called for the primary.
 */
final class PostgresRoll {

  private PostgresRoll() {}

  static String run(
      RollingUpdateInput input,
      Topology topology,
      ClusterNode standby,
      Map<String, String> parameters,
      long maximumLagBytes,
      BoshRoll bosh) {
    if (standby.equals(topology.primary())) {
      throw new IllegalStateException(standby.name() + " is the primary: switch over first");
    }
    PostgresHostActivities agent =
        Workflow.newActivityStub(
            PostgresHostActivities.class, RollingUpdatePolicies.host(topology.taskQueue(standby)));
    agent.stop(StopPostgresInput.fast());
    bosh.cycle(standby);
    agent.buildStandby(
        RollInputs.standby(input.clusterId(), topology, standby, input.secrets(), parameters));
    PostgresNodeStatus status = awaitCaughtUp(agent, standby, topology, maximumLagBytes);
    attachEverywhere(topology, FailoverTopology.backendId(standby));
    return "%s streams from %s, %d bytes behind"
        .formatted(standby.name(), topology.primary().name(), status.replayLagBytes());
  }

  private static PostgresNodeStatus awaitCaughtUp(
      PostgresHostActivities agent, ClusterNode standby, Topology topology, long maximumLagBytes) {
    PostgresNodeStatus status = null;
    for (int i = 0; i < RollingUpdatePolicies.CATCH_UP_WAIT_SECONDS; i++) {
      status = agent.status();
      if (status.streaming() && status.replayLagBytes() <= maximumLagBytes) {
        return status;
      }
      Workflow.sleep(RollingUpdatePolicies.POLL);
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "%s does not stream from %s within %d bytes after %d s (streaming %s, %d bytes behind)"
            .formatted(
                standby.name(),
                topology.primary().name(),
                maximumLagBytes,
                RollingUpdatePolicies.CATCH_UP_WAIT_SECONDS,
                status.streaming(),
                status.replayLagBytes()),
        FailureType.OPERATION_FAILED.name());
  }

  /** Every pgpool at once; one that cannot attach fails the step, naming it. */
  private static void attachEverywhere(Topology topology, int backend) {
    List<Promise<?>> attached = new ArrayList<>();
    for (ClusterNode pgpool : topology.pgpools()) {
      PgpoolHostActivities agent =
          Workflow.newActivityStub(
              PgpoolHostActivities.class, RollingUpdatePolicies.host(topology.taskQueue(pgpool)));
      attached.add(Async.function(agent::attachBackend, backend));
    }
    for (Promise<?> promise : attached) {
      promise.get();
    }
  }
}
