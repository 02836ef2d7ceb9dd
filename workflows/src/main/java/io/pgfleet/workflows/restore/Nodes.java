package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Locale;

/** The restore's two PostgreSQL nodes: their agents and their BOSH instances. */
final class Nodes {

  private final RestoreInput input;

  Nodes(RestoreInput input) {
    this.input = input;
  }

  /** Primary first: it starts first and the standby follows it. */
  List<ClusterNode> postgres() {
    Topology topology = input.topology();
    return List.of(topology.primary(), topology.standby());
  }

  /** The node's agent with the ordinary host options. */
  PostgresHostActivities postgres(ClusterNode node) {
    return postgres(node, RestorePolicies::host);
  }

  PostgresHostActivities postgres(
      ClusterNode node, Functions.Func1<String, ActivityOptions> options) {
    return Workflow.newActivityStub(
        PostgresHostActivities.class, options.apply(input.topology().taskQueue(node)));
  }

  /**
   * Both instances into the state, one after the other (BOSH serialises a deployment's tasks
   * anyway); the context id names the operation, the action and the node.
   */
  void changeState(BoshActivities bosh, InstanceState state, String action) {
    for (ClusterNode node : postgres()) {
      bosh.changeInstanceState(
          new InstanceStateRequest(
              input.topology().deployment(),
              node.instanceGroup(),
              node.instanceId(),
              state,
              RestoreNaming.context(
                  input.operationId(),
                  action + "-" + state.name().toLowerCase(Locale.ROOT),
                  node)));
    }
  }
}
