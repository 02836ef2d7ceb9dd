package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.OPERATION_ID;
import static io.pgfleet.workflows.failover.FailoverFixture.PRIMARY_VM;
import static io.pgfleet.workflows.failover.FailoverFixture.power;
import static io.pgfleet.workflows.failover.FailoverFixture.writable;
import static io.pgfleet.workflows.provision.ClusterFixture.DEPLOYMENT;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.iaas.PowerState;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** No proof of fencing, no promotion; a standby too far behind is not promoted at all. */
class FailoverFencingTest {

  private final FailoverCloud cloud = new FailoverCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void aStandbyBeyondTheLagBoundNeedsAnOperatorAndNothingIsFenced() {
    when(cloud.standbyHost.status()).thenReturn(FailoverFixture.standby(2 * 1024 * 1024));

    FailoverResult result = cloud.run("failover-lagging");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.NEEDS_OPERATOR);
    assertThat(result.reason())
        .isEqualTo(
            "postgres/1 is 2097152 bytes behind, more than the 1048576 allowed;"
                + " an operator must decide");
    assertThat(result.topology()).isEqualTo(FailoverFixture.TOPOLOGY);
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            tuple("confirm", OperationState.SUCCEEDED), tuple("choose", OperationState.FAILED));
    verify(cloud.iaas, never()).powerOff(any());
    verify(cloud.bosh, never()).changeInstanceState(any());
    verify(cloud.standbyHost, never()).promote(any());
  }

  @Test
  void aVmTheIaasStillReportsRunningIsNoProof() {
    when(cloud.iaas.powerState(PRIMARY_VM)).thenReturn(power(PRIMARY_VM, PowerState.RUNNING));

    FailoverResult result = cloud.run("failover-still-running");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.NEEDS_OPERATOR);
    assertThat(result.reason())
        .isEqualTo(
            "postgres/0 is not proven fenced: the IaaS reports vm-5b1c0a7e-pg0 running"
                + " after 7 looks; no proof, no promotion");
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            tuple("confirm", OperationState.SUCCEEDED),
            tuple("choose", OperationState.SUCCEEDED),
            tuple("fence", OperationState.SUCCEEDED),
            tuple("prove fenced", OperationState.FAILED));
    verify(cloud.iaas, times(FailoverPolicies.FENCE_PROOF_LOOKS)).powerState(PRIMARY_VM);
    StepView prove = result.operation().steps().get(3);
    assertThat(prove.finishedAtMillis() - prove.startedAtMillis())
        .as("looks 250 ms, 500 ms, 1 s, then 2 s apart: 7.75 s in all")
        .isBetween(7_750L, 8_750L);
    neverPromotedOrRerouted();
  }

  @Test
  void anIaasWhoseDescribeLagsItsStopIsProvenAQuarterSecondLater() {
    when(cloud.iaas.powerState(PRIMARY_VM))
        .thenReturn(power(PRIMARY_VM, "stopping"), power(PRIMARY_VM, PowerState.STOPPED));

    FailoverResult result = cloud.run("failover-describe-lags");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
    StepView prove = result.operation().steps().get(3);
    assertThat(prove.name()).isEqualTo("prove fenced");
    assertThat(prove.finishedAtMillis() - prove.startedAtMillis()).isBetween(250L, 1_000L);
    verify(cloud.iaas, times(2)).powerState(PRIMARY_VM);
  }

  @Test
  void aPortThatStillAnswersIsNoProof() {
    // A partition: every pgpool lost the primary, the control plane still reaches it.
    when(cloud.sql.probe(argThat(FailoverCloud.probing(PRIMARY_IP))))
        .thenReturn(writable(PRIMARY_IP, 1));

    FailoverResult result = cloud.run("failover-port-answers");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.NEEDS_OPERATOR);
    assertThat(result.reason())
        .isEqualTo(
            "postgres/0 is not proven fenced: vm-5b1c0a7e-pg0 is stopped, but its PostgreSQL"
                + " port 10.244.0.10:5432 still answers after 7 looks; no proof, no promotion");
    neverPromotedOrRerouted();
  }

  @Test
  void aFailedIaasPowerOffFallsBackToBoshsHardStopThenProvesIt() {
    when(cloud.iaas.powerOff(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "UnauthorizedOperation: not allowed to stop " + PRIMARY_VM,
                FailureType.IAAS_REQUEST_REJECTED.name()));
    // BOSH's hard stop deletes the VM: the IaaS no longer knows it.
    when(cloud.iaas.powerState(PRIMARY_VM))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "EC2 does not list instance " + PRIMARY_VM, FailureType.IAAS_NOT_FOUND.name()));

    FailoverResult result = cloud.run("failover-bosh-fence");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
    InOrder order = inOrder(cloud.iaas, cloud.bosh, cloud.standbyHost);
    order.verify(cloud.iaas).powerOff(any());
    order
        .verify(cloud.bosh)
        .changeInstanceState(
            new InstanceStateRequest(
                DEPLOYMENT,
                "postgres",
                PRIMARY_ID,
                InstanceState.DETACHED,
                OPERATION_ID + "/fence"));
    order.verify(cloud.iaas).powerState(PRIMARY_VM);
    order.verify(cloud.standbyHost).promote(any());
  }

  @Test
  void whenNeitherTheIaasNorBoshCanFenceNothingIsPromoted() {
    when(cloud.iaas.powerOff(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "InvalidInstanceID.NotFound", FailureType.IAAS_NOT_FOUND.name()));
    when(cloud.bosh.changeInstanceState(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "Director answered 500", FailureType.BOSH_TASK_FAILED.name()));

    FailoverResult result = cloud.run("failover-unfenceable");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.NEEDS_OPERATOR);
    assertThat(result.reason())
        .isEqualTo(
            "postgres/0 could not be fenced: the IaaS did not power off vm-5b1c0a7e-pg0"
                + " (InvalidInstanceID.NotFound) and BOSH's hard stop failed (Director answered"
                + " 500)");
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .endsWith(tuple("fence", OperationState.FAILED));
    neverPromotedOrRerouted();
  }

  private void neverPromotedOrRerouted() {
    verify(cloud.standbyHost, never()).promote(any());
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool, never()).reroute(any());
    }
  }
}
