package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.inRecovery;
import static io.pgfleet.workflows.failover.FailoverFixture.pgpool;
import static io.pgfleet.workflows.failover.FailoverFixture.timedOut;
import static io.pgfleet.workflows.failover.FailoverFixture.writable;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A blip that ends NOT_CONFIRMED: pgpools that detached the primary meanwhile attach it again, but
 * only when the control plane reaches it as a writable primary.
 */
class FailoverRestoreRoutingTest {

  static final String CAME_BACK =
      "postgres/0 came back within the 5 s tolerance: only 1 pgpool sees it down and the control"
          + " plane reaches it [pgpool/0: down, pgpool/1: up, pgpool/2: up, control plane:"
          + " writable]";

  private final FailoverCloud cloud = new FailoverCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  /**
   * Frozen at the first look (two pgpools and the control plane lose it); back at the second, but
   * pgpool/0's health check detached it meanwhile, and pgpool's detach sticks.
   */
  static void blipDetachedInPgpool0(FailoverCloud cloud) {
    when(cloud.pgpools.get(0).status()).thenReturn(pgpool("down"));
    when(cloud.pgpools.get(1).status()).thenReturn(pgpool("down"), pgpool("up"));
    when(cloud.pgpools.get(2).status()).thenReturn(pgpool("up"));
    when(cloud.sql.probe(argThat(FailoverCloud.probing(PRIMARY_IP))))
        .thenReturn(timedOut(PRIMARY_IP), writable(PRIMARY_IP, 1));
  }

  @Test
  void aPgpoolThatDetachedThePrimaryDuringABlipAttachesItAgain() {
    blipDetachedInPgpool0(cloud);

    FailoverResult result = cloud.run("failover-blip-detached");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.NOT_CONFIRMED);
    assertThat(result.reason())
        .isEqualTo(
            CAME_BACK + "; routing restored: pgpool/0 attached postgres/0 (backend 0) again");
    assertThat(result.topology()).isEqualTo(FailoverFixture.TOPOLOGY);
    assertThat(result.operation().state()).isEqualTo(OperationState.FAILED);
    assertThat(result.operation().error()).isEqualTo(result.reason());
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state, StepView::error)
        .containsExactly(
            tuple("confirm", OperationState.FAILED, CAME_BACK),
            tuple("restore routing", OperationState.SUCCEEDED, null));
    verify(cloud.pgpools.get(0)).attachBackend(0);
    verify(cloud.pgpools.get(1), never()).attachBackend(anyInt());
    verify(cloud.pgpools.get(2), never()).attachBackend(anyInt());
    nothingFailedOver();
  }

  @Test
  void aPgpoolThatCannotAttachItIsNamedAndTheOutcomeStays() {
    blipDetachedInPgpool0(cloud);
    when(cloud.pgpools.get(0).attachBackend(0))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "backend 0 is not up after pcp_attach_node",
                FailureType.HOST_COMMAND_FAILED.name()));

    FailoverResult result = cloud.run("failover-blip-attach-failed");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.NOT_CONFIRMED);
    assertThat(result.reason())
        .isEqualTo(
            CAME_BACK
                + "; routing not restored: pgpool/0 (backend 0 is not up after pcp_attach_node)"
                + " did not attach postgres/0 (backend 0) again");
    nothingFailedOver();
  }

  @Test
  void aPrimaryNotWritableForTheControlPlaneStaysDetached() {
    // One pgpool alone is no quorum; the topology's primary answers, but in recovery.
    when(cloud.pgpools.get(1).status()).thenReturn(pgpool("up"));
    when(cloud.pgpools.get(2).status()).thenReturn(pgpool("up"));
    when(cloud.sql.probe(argThat(FailoverCloud.probing(PRIMARY_IP))))
        .thenReturn(inRecovery(PRIMARY_IP, 1));

    FailoverResult result = cloud.run("failover-blip-not-writable");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.NOT_CONFIRMED);
    assertThat(result.reason())
        .isEqualTo(
            "postgres/0 is not confirmed down: only 1 pgpool sees it down and the control plane"
                + " reaches it; a quorum is 2 pgpools, or 1 and the control plane [pgpool/0:"
                + " down, pgpool/1: up, pgpool/2: up, control plane: in recovery]; routing not"
                + " restored: postgres/0 (backend 0) stays detached in pgpool/0: the control plane"
                + " does not reach it as a writable primary (control plane: in recovery)");
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            tuple("confirm", OperationState.FAILED),
            tuple("restore routing", OperationState.SUCCEEDED));
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool, never()).attachBackend(anyInt());
    }
    nothingFailedOver();
  }

  private void nothingFailedOver() {
    verifyNoInteractions(cloud.iaas, cloud.bosh, cloud.primaryHost);
    verify(cloud.standbyHost, never()).promote(any());
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool, never()).reroute(any());
    }
  }
}
