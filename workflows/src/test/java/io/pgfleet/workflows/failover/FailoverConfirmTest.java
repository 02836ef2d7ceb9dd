package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.pgpool;
import static io.pgfleet.workflows.failover.FailoverFixture.refused;
import static io.pgfleet.workflows.failover.FailoverFixture.timedOut;
import static io.pgfleet.workflows.failover.FailoverFixture.writable;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Confirmation: a quorum, twice, a tolerance apart; blips and lone voices change nothing. */
class FailoverConfirmTest {

  private final FailoverCloud cloud = new FailoverCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void aBlipShorterThanTheToleranceFailsNothingOver() {
    // Frozen, not crashed: the control plane's connection times out rather than being refused.
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      when(pgpool.status()).thenReturn(pgpool("down"), pgpool("up"));
    }
    when(cloud.sql.probe(argThat(FailoverCloud.probing(PRIMARY_IP))))
        .thenReturn(timedOut(PRIMARY_IP), writable(PRIMARY_IP, 1));

    FailoverResult result = cloud.run("failover-blip");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.NOT_CONFIRMED);
    assertThat(result.reason())
        .isEqualTo(
            "postgres/0 came back within the 5 s tolerance: no pgpool sees it down and the"
                + " control plane reaches it"
                + " [pgpool/0: up, pgpool/1: up, pgpool/2: up, control plane: writable]");
    assertThat(result.topology()).isEqualTo(FailoverFixture.TOPOLOGY);
    assertThat(result.timeline()).isZero();
    assertThat(result.operation().state()).isEqualTo(OperationState.FAILED);
    assertThat(result.operation().error()).isEqualTo(result.reason());
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state, StepView::error)
        .containsExactly(tuple("confirm", OperationState.FAILED, result.reason()));
    StepView confirm = result.operation().steps().get(0);
    assertThat(confirm.finishedAtMillis() - confirm.startedAtMillis())
        .isGreaterThanOrEqualTo(FailoverInput.DEFAULT_TOLERANCE.toMillis() - 1_000);
    nothingChanged();
  }

  @Test
  void onePgpoolAloneIsNoQuorum() {
    when(cloud.pgpools.get(1).status()).thenReturn(pgpool("up"));
    when(cloud.pgpools.get(2).status()).thenReturn(pgpool("waiting"));
    when(cloud.sql.probe(argThat(FailoverCloud.probing(PRIMARY_IP))))
        .thenReturn(writable(PRIMARY_IP, 1));

    FailoverResult result = cloud.run("failover-no-quorum");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.NOT_CONFIRMED);
    assertThat(result.reason())
        .isEqualTo(
            "postgres/0 is not confirmed down: only 1 pgpool sees it down and the control plane"
                + " reaches it; a quorum is 2 pgpools, or 1 and the control plane"
                + " [pgpool/0: down, pgpool/1: up, pgpool/2: waiting, control plane: writable]"
                + "; routing restored: pgpool/0 attached postgres/0 (backend 0) again");
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool, times(1)).status();
    }
    verify(cloud.pgpools.get(0)).attachBackend(0);
    verify(cloud.pgpools.get(1), never()).attachBackend(anyInt());
    verify(cloud.pgpools.get(2), never()).attachBackend(anyInt());
    nothingChanged();
  }

  @Test
  void onePgpoolAndTheControlPlaneAreAQuorum() {
    when(cloud.pgpools.get(1).status()).thenReturn(pgpool("up"));
    when(cloud.pgpools.get(2).status()).thenReturn(pgpool("up"));
    when(cloud.sql.probe(argThat(FailoverCloud.probing(PRIMARY_IP))))
        .thenReturn(timedOut(PRIMARY_IP));

    FailoverResult result = cloud.run("failover-one-and-control-plane");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
    assertThat(result.reason())
        .contains(
            "postgres/0 is still down after the 5 s tolerance, for a quorum of 1 pgpool and the"
                + " control plane [pgpool/0: down, pgpool/1: up, pgpool/2: up, control plane:"
                + " unreachable]");
  }

  @Test
  void anOperatorNeedsNoQuorumButWhatWasSeenIsRecorded() {
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      when(pgpool.status()).thenReturn(pgpool("up"));
    }
    // Healthy until fenced: an operator's failover demotes a working primary by fencing it.
    when(cloud.sql.probe(argThat(FailoverCloud.probing(PRIMARY_IP))))
        .thenReturn(writable(PRIMARY_IP, 1), refused(PRIMARY_IP));

    FailoverResult result = cloud.stub("failover-manual").failover(cloud.manualInput());

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
    assertThat(result.reason())
        .isEqualTo(
            "failed over from postgres/0 to postgres/1 (timeline 2, RPO estimate 4096 bytes): an"
                + " operator asked to fail over from postgres/0"
                + " [pgpool/0: up, pgpool/1: up, pgpool/2: up, control plane: writable]"
                + "; postgres/1 is 4096 bytes behind, within the 1048576 allowed"
                + "; postgres/0 rejoined as a standby of postgres/1 (rewound)");
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool, times(1)).status();
    }
    verify(cloud.iaas).powerOff(any());
    verify(cloud.standbyHost).promote(any());
  }

  private void nothingChanged() {
    verifyNoInteractions(cloud.iaas, cloud.bosh, cloud.primaryHost);
    verify(cloud.standbyHost, never()).status();
    verify(cloud.standbyHost, never()).promote(any());
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool, never()).reroute(any());
    }
  }
}
