package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.postgres.NodeProbe;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.PostgresSqlActivities;
import io.pgfleet.workflows.postgres.ProbeInput;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Takes one look at the cluster, all calls at once: every pgpool's view of the primary's backend
 * and the control plane's own probes of both PostgreSQL nodes.
 */
final class Observer {

  private final PostgresSqlActivities sql =
      Workflow.newActivityStub(PostgresSqlActivities.class, FailoverPolicies.PROBE);
  private final Topology topology;
  private final String superuserPassword;

  Observer(Topology topology, String superuserPassword) {
    this.topology = topology;
    this.superuserPassword = superuserPassword;
  }

  Observation observe() {
    ClusterNode primary = topology.primary();
    Promise<NodeProbe> primaryProbe = Async.function(() -> probe(primary));
    Promise<NodeProbe> standbyProbe = Async.function(() -> probe(topology.standby()));
    int backend = FailoverTopology.backendId(primary);
    List<PgpoolView> views =
        EveryPgpool.call(topology, FailoverPolicies::nodeView, PgpoolHostActivities::status)
            .stream()
            .map(answer -> view(answer, backend))
            .toList();
    return new Observation(
        views,
        Answer.of(primary, primaryProbe).value(),
        Answer.of(topology.standby(), standbyProbe).value());
  }

  /** The control plane's probe of one node; also the fence proof's second half. */
  NodeProbe probe(ClusterNode node) {
    return sql.probe(
        new ProbeInput(
            new PostgresEndpoint(node.address(), Topology.POSTGRES_PORT, superuserPassword),
            FailoverPolicies.PROBE_TIMEOUT_MILLIS));
  }

  private static PgpoolView view(Answer<PgpoolNodeStatus> answer, int backend) {
    String name = answer.node().name();
    return answer.ok()
        ? PgpoolView.of(name, answer.value(), backend)
        : PgpoolView.noView(name, answer.problem());
  }
}
