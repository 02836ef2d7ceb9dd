package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * pgpool's health checks detached both backends while PostgreSQL was stopped, and a detach sticks:
 * every pgpool attaches the primary's backend, then the standby's, all pgpools at once. pgpool
 * finds which one is primary itself. A pgpool that fails is named, not waited for again.
 */
final class PgpoolRouting {

  private PgpoolRouting() {}

  /**
   * @return the pgpools that failed, each with why; empty when all attached both backends
   */
  static List<String> attachBoth(Topology topology) {
    int primary = FailoverTopology.backendId(topology.primary());
    int standby = FailoverTopology.backendId(topology.standby());
    List<ClusterNode> pgpools = topology.pgpools();
    List<Promise<PgpoolNodeStatus>> running = new ArrayList<>();
    for (ClusterNode node : pgpools) {
      PgpoolHostActivities agent =
          Workflow.newActivityStub(
              PgpoolHostActivities.class, RestorePolicies.pgpool(topology.taskQueue(node)));
      running.add(
          Async.function(
              () -> {
                agent.attachBackend(primary);
                return agent.attachBackend(standby);
              }));
    }
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < pgpools.size(); i++) {
      try {
        running.get(i).get();
      } catch (ActivityFailure failure) {
        failed.add(pgpools.get(i).name() + " (" + StepRecorder.rootMessage(failure) + ")");
      }
    }
    return failed;
  }
}
