package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the same call on every pgpool VM at once, through each VM's node agent, and waits for all
 * of them: a pgpool that fails or does not answer is an answer too, never a reason to stop waiting
 * for the others or to give up on them.
 */
final class EveryPgpool {

  private EveryPgpool() {}

  static <T> List<Answer<T>> call(
      Topology topology,
      Functions.Func1<String, ActivityOptions> options,
      Functions.Func1<PgpoolHostActivities, T> call) {
    return call(topology, topology.pgpools(), options, call);
  }

  /** The same call on some of the topology's pgpools only, in the order given. */
  static <T> List<Answer<T>> call(
      Topology topology,
      List<ClusterNode> pgpools,
      Functions.Func1<String, ActivityOptions> options,
      Functions.Func1<PgpoolHostActivities, T> call) {
    List<Promise<T>> running = new ArrayList<>();
    for (ClusterNode node : pgpools) {
      PgpoolHostActivities agent =
          Workflow.newActivityStub(
              PgpoolHostActivities.class, options.apply(topology.taskQueue(node)));
      running.add(Async.function(() -> call.apply(agent)));
    }
    List<Answer<T>> answers = new ArrayList<>();
    for (int i = 0; i < pgpools.size(); i++) {
      answers.add(Answer.of(pgpools.get(i), running.get(i)));
    }
    return answers;
  }
}
