package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.RejoinResult;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.provision.BoshLockRetry;
import io.pgfleet.workflows.provision.ClusterAssembly;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Brings the fenced old primary back as a standby of the new one: its VM started again through BOSH
 * (recreated when a start cannot bring it back), rewound or rebuilt by its node agent, and attached
 * again in pgpool. Nothing here is on the write path any more, so it uses the ordinary, patient
 * policies.
 */
final class Redundancy {

  private static final Logger LOG = Workflow.getLogger(Redundancy.class);

  private final BoshActivities bosh =
      Workflow.newActivityStub(BoshActivities.class, ActivityPolicies.BOSH_TASK);
  private final FailoverInput input;

  Redundancy(FailoverInput input) {
    this.input = input;
  }

  /**
   * @return what was done, e.g. "postgres/0 rejoined as a standby of postgres/1 (rewound)"
   * @throws io.temporal.failure.TemporalFailure naming the part that failed
   */
  String rebuild(ClusterNode old, Topology after) {
    startVm(old, after.deployment());
    ClusterNode primary = after.primary();
    PostgresHostActivities host =
        Workflow.newActivityStub(
            PostgresHostActivities.class, ActivityPolicies.onHost(after.taskQueue(old)));
    RejoinResult rejoined = host.rejoinAsStandby(rejoinInput(old, after));
    String done =
        "%s rejoined as a standby of %s (%s)"
            .formatted(
                old.name(),
                primary.name(),
                rejoined.method().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    int backend = FailoverTopology.backendId(old);
    List<Answer<PgpoolNodeStatus>> attached =
        EveryPgpool.call(after, FailoverPolicies::pgpoolCommand, p -> p.attachBackend(backend));
    String missing =
        attached.stream()
            .filter(a -> !a.ok())
            .map(Answer::describeProblem)
            .collect(Collectors.joining(", "));
    if (attached.stream().noneMatch(Answer::ok)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "%s, but no pgpool attached backend %d again: %s".formatted(done, backend, missing),
          FailureType.HOST_COMMAND_FAILED.name());
    }
    LOG.info("{}; pgpool attached backend {} again", done, backend);
    return missing.isEmpty() ? done : done + "; not attached again by " + missing;
  }

  /** A start brings a powered-off VM back; a VM BOSH cannot start (or deleted) is recreated. */
  private void startVm(ClusterNode old, String deployment) {
    try {
      changeState(old, deployment, InstanceState.STARTED, "rebuild-start");
    } catch (ActivityFailure startFailure) {
      LOG.warn(
          "BOSH could not start {} ({}); recreating its VM",
          old.name(),
          Answer.problem(startFailure));
      changeState(old, deployment, InstanceState.RECREATE, "rebuild-recreate");
    }
  }

  private void changeState(ClusterNode node, String deployment, InstanceState state, String step) {
    BoshLockRetry.run(
        input.operationId(),
        step,
        deployment,
        contextId ->
            bosh.changeInstanceState(
                new InstanceStateRequest(
                    deployment, node.instanceGroup(), node.instanceId(), state, contextId)));
  }

  private BuildStandbyInput rejoinInput(ClusterNode old, Topology after) {
    ClusterSecrets secrets = input.secrets();
    return new BuildStandbyInput(
        input.clusterId(),
        after.primary().address(),
        Topology.POSTGRES_PORT,
        ClusterAssembly.slotName(old),
        new PostgresCredentials(
            secrets.superuserPassword(),
            ClusterSecrets.REPLICATION_USER,
            secrets.replicationPassword()),
        input.postgresParameters(),
        postgresAddresses(after));
  }

  /** Both PostgreSQL VMs in index order, as provisioning listed them (either may be primary). */
  private static List<String> postgresAddresses(Topology topology) {
    return topology.nodes().stream()
        .filter(n -> n.role() != NodeRole.PGPOOL)
        .sorted(Comparator.comparingInt(ClusterNode::index))
        .map(ClusterNode::address)
        .toList();
  }
}
