package io.pgfleet.workflows.switchover;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * The same call on every pgpool VM at once, through each VM's node agent. A pgpool that fails or
 * does not answer is named, never a reason to stop waiting for the others.
 */
final class AllPgpools {

  /** The pgpools that failed, each with why, e.g. "pgpool/2 (pcp_attach_node failed)". */
  record Outcome(int succeeded, List<String> failed) {
    boolean none() {
      return succeeded == 0;
    }

    String missing() {
      return String.join(", ", failed);
    }
  }

  private AllPgpools() {}

  static Outcome call(Topology topology, Functions.Proc1<PgpoolHostActivities> call) {
    List<ClusterNode> pgpools = topology.pgpools();
    List<Promise<Void>> running = new ArrayList<>();
    for (ClusterNode node : pgpools) {
      PgpoolHostActivities agent =
          Workflow.newActivityStub(
              PgpoolHostActivities.class, SwitchoverPolicies.pgpool(topology.taskQueue(node)));
      running.add(Async.procedure(() -> call.apply(agent)));
    }
    int succeeded = 0;
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < pgpools.size(); i++) {
      try {
        running.get(i).get();
        succeeded++;
      } catch (ActivityFailure failure) {
        failed.add(pgpools.get(i).name() + " (" + StepRecorder.rootMessage(failure) + ")");
      }
    }
    return new Outcome(succeeded, failed);
  }
}
