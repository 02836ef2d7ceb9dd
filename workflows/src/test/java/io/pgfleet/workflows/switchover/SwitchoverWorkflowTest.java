package io.pgfleet.workflows.switchover;

import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_IP;
import static io.pgfleet.workflows.switchover.SwitchoverCloud.FLUSH_LSN;
import static io.pgfleet.workflows.switchover.SwitchoverCloud.SHUTDOWN_CHECKPOINT;
import static io.pgfleet.workflows.switchover.SwitchoverCloud.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.host.AwaitWalInput;
import io.pgfleet.workflows.host.AwaitWalInput.Mark;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.RerouteInput;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatcher;
import org.mockito.InOrder;

/** A planned switchover from postgres/0 to postgres/1: the steps in order, swapped roles. */
class SwitchoverWorkflowTest {

  static final List<String> STEPS =
      List.of(
          "check",
          "prepare",
          "hold writes",
          "catch up",
          "stop old primary",
          "await shutdown checkpoint",
          "promote",
          "re-route",
          "rejoin",
          "record");

  private final SwitchoverCloud cloud = new SwitchoverCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void switchesOverInNamedStepsAndSwapsTheRoles() {
    SwitchoverResult result = cloud.run("switchover-happy");

    assertThat(result.outcome()).isEqualTo(SwitchoverOutcome.SWITCHED_OVER);
    assertThat(result.reason())
        .startsWith("switched over from postgres/0 to postgres/1 (timeline 2, writes held ")
        .endsWith(
            "postgres/1 streams 4096 bytes behind, within the 1048576 allowed"
                + "; postgres/0 rejoined as a standby of postgres/1 (rewound)");
    assertThat(result.timeline()).isEqualTo(2);
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
  void promotesOnlyAfterTheStandbyReceivedTheShutdownCheckpoint() {
    cloud.run("switchover-order");

    InOrder order = inOrder(cloud.primaryHost, cloud.standbyHost, cloud.pgpools.get(0));
    order.verify(cloud.primaryHost).checkpoint();
    order.verify(cloud.primaryHost).holdWrites();
    order.verify(cloud.standbyHost).awaitWal(argThat(waitFor(FLUSH_LSN, Mark.REPLAYED_UP_TO)));
    order.verify(cloud.primaryHost).stopCleanly();
    order
        .verify(cloud.standbyHost)
        .awaitWal(argThat(waitFor(SHUTDOWN_CHECKPOINT, Mark.RECEIVED_PAST)));
    order.verify(cloud.standbyHost).promote(any());
    order.verify(cloud.pgpools.get(0)).switchPrimary(new RerouteInput(1, List.of(0)));
    order
        .verify(cloud.primaryHost)
        .rejoinAsStandby(argThat(in -> in.primaryHost().equals(STANDBY_IP)));
    order.verify(cloud.pgpools.get(0)).attachBackend(0);
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool).switchPrimary(new RerouteInput(1, List.of(0)));
      verify(pgpool).attachBackend(eq(0));
    }
    verify(cloud.primaryHost, never()).releaseWrites();
  }

  @Test
  void aReroutedPgpoolIsEnoughTheOthersAreNamed() {
    when(cloud.pgpools.get(2).switchPrimary(any())).thenThrow(failure("pcp_promote_node failed"));

    SwitchoverResult result = cloud.run("switchover-one-pgpool-behind");

    assertThat(result.outcome()).isEqualTo(SwitchoverOutcome.SWITCHED_OVER);
    assertThat(result.reason()).contains("; not re-routed: pgpool/2 (pcp_promote_node failed)");
  }

  @Test
  void aFailedRejoinLeavesTheSwitchoverDone() {
    when(cloud.primaryHost.rejoinAsStandby(any())).thenThrow(failure("pg_basebackup failed"));

    SwitchoverResult result = cloud.run("switchover-rejoin-failed");

    assertThat(result.outcome()).isEqualTo(SwitchoverOutcome.SWITCHED_OVER);
    assertThat(result.topology().primary().name()).isEqualTo("postgres/1");
    assertThat(result.reason()).endsWith("redundancy not rebuilt: pg_basebackup failed");
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .contains(
            tuple("rejoin", OperationState.FAILED), tuple("record", OperationState.SUCCEEDED));
  }

  static ArgumentMatcher<AwaitWalInput> waitFor(String lsn, Mark mark) {
    return in -> in != null && lsn.equals(in.lsn()) && in.mark() == mark;
  }
}
