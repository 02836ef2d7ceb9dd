package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.OPERATION_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.DEPLOYMENT;
import static io.pgfleet.workflows.provision.ClusterFixture.PGPOOL_IDS;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** Dead VMs and failing steps around the promotion: what still completes, and what is reported. */
class FailoverDegradedTest {

  @Test
  void aDeadPgpoolVmIsLeftBehindAndTheOtherTwoRoute() {
    try (FailoverCloud cloud = new FailoverCloud(Set.of(PGPOOL_IDS.get(2)))) {
      FailoverResult result = cloud.run("failover-dead-pgpool");

      assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
      assertThat(result.reason())
          .contains(
              "for a quorum of 2 pgpools and the control plane [pgpool/0: down, pgpool/1: down,"
                  + " pgpool/2: no view (no answer: schedule to start timeout), control plane:"
                  + " refused]")
          .contains("; not re-routed: pgpool/2 (no answer: schedule to start timeout);")
          .endsWith(
              "postgres/0 rejoined as a standby of postgres/1 (rewound); not attached again by"
                  + " pgpool/2 (no answer: schedule to start timeout)");
      assertThat(result.operation().steps())
          .extracting(StepView::state)
          .containsOnly(OperationState.SUCCEEDED);
      verify(cloud.pgpools.get(0)).reroute(any());
      verify(cloud.pgpools.get(1)).reroute(any());
    }
  }

  @Test
  void aFailedRebuildLeavesTheFailoverDoneAndSaysSo() {
    try (FailoverCloud cloud = new FailoverCloud()) {
      when(cloud.primaryHost.rejoinAsStandby(any()))
          .thenThrow(
              ApplicationFailure.newNonRetryableFailure(
                  "pg_basebackup: error: could not connect to 10.244.0.11",
                  FailureType.HOST_COMMAND_FAILED.name()));

      FailoverResult result = cloud.run("failover-rebuild-failed");

      assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
      assertThat(result.reason())
          .endsWith(
              "; redundancy not rebuilt: pg_basebackup: error: could not connect to 10.244.0.11");
      assertThat(result.topology().primary().name()).isEqualTo("postgres/1");
      assertThat(result.timeline()).isEqualTo(2);
      assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
      assertThat(result.operation().steps())
          .extracting(StepView::name, StepView::state, StepView::error)
          .endsWith(
              tuple("record", OperationState.SUCCEEDED, null),
              tuple(
                  "rebuild redundancy",
                  OperationState.FAILED,
                  "pg_basebackup: error: could not connect to 10.244.0.11"));
      for (PgpoolHostActivities pgpool : cloud.pgpools) {
        verify(pgpool, never()).attachBackend(anyInt());
      }
    }
  }

  @Test
  void aVmBoshCannotStartIsRecreated() {
    try (FailoverCloud cloud = new FailoverCloud()) {
      when(cloud.bosh.changeInstanceState(argThat(r -> r.state() == InstanceState.STARTED)))
          .thenThrow(
              ApplicationFailure.newNonRetryableFailure(
                  "Timed out pinging to vm-5b1c0a7e-pg0", FailureType.BOSH_TASK_FAILED.name()));

      FailoverResult result = cloud.run("failover-recreate");

      assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
      assertThat(result.operation().steps())
          .extracting(StepView::state)
          .doesNotContain(OperationState.FAILED);
      InOrder order = inOrder(cloud.bosh, cloud.primaryHost);
      order
          .verify(cloud.bosh)
          .changeInstanceState(
              new InstanceStateRequest(
                  DEPLOYMENT,
                  "postgres",
                  PRIMARY_ID,
                  InstanceState.RECREATE,
                  OPERATION_ID + "/rebuild-recreate"));
      order.verify(cloud.primaryHost).rejoinAsStandby(any());
    }
  }

  @Test
  void aStandbyWhoseAgentIsDeadIsNotChosen() {
    try (FailoverCloud cloud = new FailoverCloud(Set.of(STANDBY_ID))) {
      FailoverResult result = cloud.run("failover-dead-standby");

      assertThat(result.outcome()).isEqualTo(FailoverOutcome.NEEDS_OPERATOR);
      assertThat(result.reason())
          .isEqualTo(
              "postgres/1 did not answer (no answer: schedule to start timeout); an operator must"
                  + " decide");
      verify(cloud.iaas, never()).powerOff(any());
    }
  }

  @Test
  void aFailedPromotionNeedsAnOperatorWithTheOldPrimaryFenced() {
    try (FailoverCloud cloud = new FailoverCloud()) {
      when(cloud.standbyHost.promote(any()))
          .thenThrow(
              ApplicationFailure.newNonRetryableFailure(
                  "pg_promote did not finish within 60 s", FailureType.HOST_STATE_CONFLICT.name()));

      FailoverResult result = cloud.run("failover-promote-failed");

      assertThat(result.outcome()).isEqualTo(FailoverOutcome.NEEDS_OPERATOR);
      assertThat(result.reason())
          .isEqualTo("promote failed: pg_promote did not finish within 60 s");
      assertThat(result.topology()).isEqualTo(FailoverFixture.TOPOLOGY);
      verify(cloud.iaas).powerOff(any());
      verify(cloud.pgpools.get(0), never()).reroute(any());
    }
  }

  @Test
  void noPgpoolReroutingNeedsAnOperatorWithTheNewRoles() {
    try (FailoverCloud cloud = new FailoverCloud()) {
      for (PgpoolHostActivities pgpool : cloud.pgpools) {
        when(pgpool.reroute(any()))
            .thenThrow(
                ApplicationFailure.newNonRetryableFailure(
                    "pcp_promote_node: connection refused",
                    FailureType.HOST_COMMAND_FAILED.name()));
      }

      FailoverResult result = cloud.run("failover-no-route");

      assertThat(result.outcome()).isEqualTo(FailoverOutcome.NEEDS_OPERATOR);
      assertThat(result.reason())
          .isEqualTo(
              "postgres/1 is promoted (timeline 2), but no pgpool re-routed writes to it:"
                  + " pgpool/0 (pcp_promote_node: connection refused), pgpool/1"
                  + " (pcp_promote_node: connection refused), pgpool/2 (pcp_promote_node:"
                  + " connection refused)");
      assertThat(result.topology().primary().name()).isEqualTo("postgres/1");
      assertThat(result.timeline()).isEqualTo(2);
      verify(cloud.bosh, never()).changeInstanceState(any());
    }
  }
}
