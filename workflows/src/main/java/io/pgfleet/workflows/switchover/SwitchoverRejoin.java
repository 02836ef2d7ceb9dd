package io.pgfleet.workflows.switchover;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.RejoinResult;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.provision.ClusterAssembly;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.Comparator;
import java.util.Locale;

/**
 * The old primary, stopped cleanly, follows the new one: its node agent's rejoin runs pg_rewind,
 * which finds nothing to rewind after a clean handover (the shutdown checkpoint is where the new
 * timeline begins) and falls back to a base backup only if it must; then every pgpool attaches it.
 * Off the write path: ordinary patient policies.
 */
final class SwitchoverRejoin {

  private SwitchoverRejoin() {}

  /**
   * @return e.g. "postgres/0 rejoined as a standby of postgres/1 (rewound), attached by 3 pgpools"
   */
  static String run(SwitchoverInput input, ClusterNode old, Topology after) {
    PostgresHostActivities host =
        Workflow.newActivityStub(
            PostgresHostActivities.class, ActivityPolicies.onHost(after.taskQueue(old)));
    RejoinResult rejoined = host.rejoinAsStandby(rejoinInput(input, old, after));
    String done =
        "%s rejoined as a standby of %s (%s)"
            .formatted(
                old.name(),
                after.primary().name(),
                rejoined.method().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    int backend = FailoverTopology.backendId(old);
    AllPgpools.Outcome attached = AllPgpools.call(after, p -> p.attachBackend(backend));
    if (attached.none()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "%s, but no pgpool attached backend %d: %s".formatted(done, backend, attached.missing()),
          FailureType.HOST_COMMAND_FAILED.name());
    }
    return attached.failed().isEmpty() ? done : done + "; not attached by " + attached.missing();
  }

  private static BuildStandbyInput rejoinInput(
      SwitchoverInput input, ClusterNode old, Topology after) {
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
        after.nodes().stream()
            .filter(n -> n.role() != NodeRole.PGPOOL)
            .sorted(Comparator.comparingInt(ClusterNode::index))
            .map(ClusterNode::address)
            .toList());
  }
}
