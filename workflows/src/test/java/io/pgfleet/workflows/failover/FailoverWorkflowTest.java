package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.OPERATION_ID;
import static io.pgfleet.workflows.failover.FailoverFixture.PRIMARY_VM;
import static io.pgfleet.workflows.failover.FailoverFixture.STANDBY_LAG;
import static io.pgfleet.workflows.provision.ClusterFixture.CLUSTER_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.DEPLOYMENT;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static io.pgfleet.workflows.provision.ClusterFixture.SECRETS;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.host.PromoteInput;
import io.pgfleet.workflows.host.RerouteInput;
import io.pgfleet.workflows.iaas.PowerOffRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.ProbeInput;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** A killed primary, confirmed, fenced, replaced, and rebuilt as the new primary's standby. */
class FailoverWorkflowTest {

  static final List<String> STEPS =
      List.of(
          "confirm",
          "choose",
          "fence",
          "prove fenced",
          "promote",
          "re-route",
          "record",
          "rebuild redundancy");

  static final String SEEN_DOWN =
      "[pgpool/0: down, pgpool/1: down, pgpool/2: down, control plane: refused]";

  private final FailoverCloud cloud = new FailoverCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void failsOverInNamedStepsAndSwapsTheRoles() {
    FailoverResult result = cloud.run("failover-happy");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
    assertThat(result.reason())
        .isEqualTo(
            "failed over from postgres/0 to postgres/1 (timeline 2, RPO estimate 4096 bytes): "
                + "postgres/0 refuses connections (postmaster gone) for a quorum of 3 pgpools and"
                + " the control plane "
                + SEEN_DOWN
                + "; no tolerance wait for a crash"
                + "; postgres/1 is 4096 bytes behind, within the 1048576 allowed"
                + "; postgres/0 rejoined as a standby of postgres/1 (rewound)");
    assertThat(result.timeline()).isEqualTo(2);
    assertThat(result.rpoBytesEstimate()).isEqualTo(STANDBY_LAG);
    assertThat(result.topology().primary().name()).isEqualTo("postgres/1");
    assertThat(result.topology().standby().name()).isEqualTo("postgres/0");
    assertThat(result.topology().nodes())
        .extracting(ClusterNode::name, ClusterNode::role)
        .containsExactly(
            tuple("postgres/0", NodeRole.STANDBY),
            tuple("postgres/1", NodeRole.PRIMARY),
            tuple("pgpool/0", NodeRole.PGPOOL),
            tuple("pgpool/1", NodeRole.PGPOOL),
            tuple("pgpool/2", NodeRole.PGPOOL));
    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .containsExactlyElementsOf(
            STEPS.stream().map(s -> tuple(s, OperationState.SUCCEEDED)).toList());
  }

  @Test
  void aCrashedPrimaryIsReplacedAfterOneLook() {
    FailoverResult result = cloud.run("failover-crash");

    StepView confirm = result.operation().steps().get(0);
    assertThat(confirm.finishedAtMillis() - confirm.startedAtMillis())
        .as("no tolerance wait for a primary that refuses connections")
        .isLessThan(1_000);
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool, times(1)).status();
    }
    verify(cloud.standbyHost).promote(any());
  }

  @Test
  void aPrimaryThatTimesOutWaitsTheToleranceBetweenTheTwoLooks() {
    // Frozen (SIGSTOP) or cut off: the connection is not refused, it times out.
    when(cloud.sql.probe(argThat(FailoverCloud.probing(PRIMARY_IP))))
        .thenReturn(FailoverFixture.timedOut(PRIMARY_IP));

    FailoverResult result = cloud.run("failover-tolerance");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
    assertThat(result.reason())
        .contains(
            ": postgres/0 is still down after the 5 s tolerance, for a quorum of 3 pgpools and"
                + " the control plane [pgpool/0: down, pgpool/1: down, pgpool/2: down, control"
                + " plane: unreachable]; postgres/1 is 4096 bytes behind");
    StepView confirm = result.operation().steps().get(0);
    assertThat(confirm.finishedAtMillis() - confirm.startedAtMillis())
        .isGreaterThanOrEqualTo(FailoverInput.DEFAULT_TOLERANCE.toMillis() - 1_000);
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool, times(2)).status();
    }
  }

  @Test
  void fencesBeforePromotingAndReroutesBeforeRebuilding() {
    cloud.run("failover-order");

    InOrder order =
        inOrder(cloud.iaas, cloud.standbyHost, cloud.pgpools.get(0), cloud.bosh, cloud.primaryHost);
    order.verify(cloud.standbyHost).status();
    order.verify(cloud.iaas).powerOff(any());
    order.verify(cloud.iaas).powerState(PRIMARY_VM);
    order.verify(cloud.standbyHost).promote(any());
    order.verify(cloud.pgpools.get(0)).reroute(any());
    order.verify(cloud.bosh).changeInstanceState(any());
    order.verify(cloud.primaryHost).rejoinAsStandby(any());
    order.verify(cloud.pgpools.get(0)).attachBackend(0);
  }

  @Test
  void callsEachPortWithTheClusterInputs() {
    cloud.run("failover-inputs");

    // the one look of a crash, and the fence proof
    verify(cloud.sql, times(2))
        .probe(
            new ProbeInput(
                new PostgresEndpoint(PRIMARY_IP, 5432, SECRETS.superuserPassword()), 2_000));
    verify(cloud.bosh).vms(DEPLOYMENT);
    verify(cloud.iaas)
        .powerOff(
            new PowerOffRequest(
                PRIMARY_VM, "fencing postgres/0 of " + DEPLOYMENT + " (failover op-failover)"));
    verify(cloud.standbyHost).promote(new PromoteInput(60));
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool).reroute(new RerouteInput(1, List.of(0)));
      verify(pgpool).attachBackend(0);
    }
    verify(cloud.bosh)
        .changeInstanceState(
            new InstanceStateRequest(
                DEPLOYMENT,
                "postgres",
                PRIMARY_ID,
                InstanceState.STARTED,
                OPERATION_ID + "/rebuild-start"));
    verify(cloud.primaryHost)
        .rejoinAsStandby(
            new BuildStandbyInput(
                CLUSTER_ID,
                STANDBY_IP,
                5432,
                "standby_postgres_0",
                new PostgresCredentials(
                    SECRETS.superuserPassword(), "replicator", SECRETS.replicationPassword()),
                PlanCatalog.SMALL.postgresParameters(),
                List.of(PRIMARY_IP, STANDBY_IP)));
    verify(cloud.primaryHost, never()).promote(any());
    verify(cloud.standbyHost, never()).rejoinAsStandby(any());
  }
}
