package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.List;

/** Configures every pgpool VM of a cluster at once, each through its own node agent. */
public final class PgpoolConfiguration {

  private PgpoolConfiguration() {}

  /**
   * Starts all configurations together and waits for every one of them, so none still runs when the
   * caller reacts to a failure (rollback); the first failure is rethrown naming its node.
   */
  public static List<PgpoolNodeStatus> configureAll(Topology topology, ConfigurePgpoolInput input) {
    List<ClusterNode> pgpools = topology.pgpools();
    List<Promise<PgpoolNodeStatus>> running =
        pgpools.stream()
            .map(node -> Async.function(agentOn(topology, node)::configure, input))
            .toList();
    // allOf alone completes at the first failure; waiting on handled promises waits for all.
    Promise.allOf(running.stream().map(p -> p.handle((value, failure) -> null)).toList()).get();
    for (int i = 0; i < pgpools.size(); i++) {
      RuntimeException failure = running.get(i).getFailure();
      if (failure instanceof TemporalFailure temporal) {
        throw onNode(pgpools.get(i), temporal);
      }
      if (failure != null) {
        throw failure;
      }
    }
    return running.stream().map(Promise::get).toList();
  }

  private static PgpoolHostActivities agentOn(Topology topology, ClusterNode node) {
    return Workflow.newActivityStub(
        PgpoolHostActivities.class, ActivityPolicies.onHost(topology.taskQueue(node)));
  }

  private static ApplicationFailure onNode(ClusterNode node, TemporalFailure failure) {
    return ApplicationFailure.newNonRetryableFailureWithCause(
        "%s (%s): %s".formatted(node.name(), node.address(), StepRecorder.rootMessage(failure)),
        rootType(failure),
        failure);
  }

  /**
   * The node agent's failure type, so callers can still branch on it; for Temporal's own failures
   * (a schedule-to-start timeout of a dead VM) the class name, as Temporal names such failures.
   */
  private static String rootType(TemporalFailure failure) {
    Throwable t = failure;
    while (t.getCause() != null && !(t instanceof ApplicationFailure)) {
      t = t.getCause();
    }
    return t instanceof ApplicationFailure app ? app.getType() : t.getClass().getSimpleName();
  }
}
