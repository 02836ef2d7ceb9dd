package io.pgfleet.workflows.switchover;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.workflow.Workflow;

/**
 * Undoes what the switchover did to the old primary before a promotion, in reverse: started again
 * if it was stopped (the stop removed the hold from its configuration, so it starts writable),
 * writes released (also when the hold's answer was lost: releasing is idempotent), attached in
 * every pgpool again if it was stopped (pgpool's health checks detach a stopped backend).
 */
final class SwitchoverRollback {

  private SwitchoverRollback() {}

  /**
   * @return what was undone, e.g. "postgres/0 started again, writes released, attached by 3
   *     pgpools"
   * @throws io.temporal.failure.TemporalFailure when the old primary cannot take writes again
   */
  static String run(Topology topology, boolean held, boolean stopped) {
    if (!held) {
      return "nothing to undo";
    }
    ClusterNode primary = topology.primary();
    PostgresHostActivities host =
        Workflow.newActivityStub(
            PostgresHostActivities.class, ActivityPolicies.onHost(topology.taskQueue(primary)));
    StringBuilder done = new StringBuilder(primary.name());
    if (stopped) {
      host.start();
      done.append(" started again,");
    }
    host.releaseWrites();
    done.append(" writes released");
    if (stopped) {
      int backend = FailoverTopology.backendId(primary);
      AllPgpools.Outcome attached = AllPgpools.call(topology, p -> p.attachBackend(backend));
      done.append(", attached by ").append(attached.succeeded()).append(" pgpools");
      if (!attached.failed().isEmpty()) {
        done.append(" (not by ").append(attached.missing()).append(")");
      }
    }
    return done.toString();
  }
}
