package io.pgfleet.workflows.rollingupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PgpoolWatchdogStatus;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.switchover.SwitchoverOutcome;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failures before the switchover stop the update with the primary untouched (no call reaches its
 * node agent, BOSH never names it) and every VM not yet updated released in BOSH; a smaller disk is
 * refused before anything happens.
 */
class RollingUpdateFailureTest {

  private final RollingUpdateCloud cloud = new RollingUpdateCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void aStandbyThatDoesNotStartStopsTheUpdateWithThePrimaryUntouched() {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "pg_ctl: could not start server", FailureType.HOST_COMMAND_FAILED.name()))
        .when(cloud.standbyHost)
        .buildStandby(any());

    RollingUpdateResult result = cloud.run("rolling-standby-fails");

    assertThat(result.outcome()).isEqualTo(RollingUpdateOutcome.FAILED);
    assertThat(result.reason())
        .isEqualTo(
            "update postgres/1 failed: pg_ctl: could not start server; postgres/0 untouched and"
                + " still the primary, updated: pgpool/0, pgpool/1, pgpool/2");
    verifyNoInteractions(cloud.primaryHost);
    assertThat(cloud.events)
        .noneMatch(e -> e.startsWith("switchover"))
        .noneMatch(e -> e.matches("bosh (restart|recreate|stopped|detached) postgres/0"))
        .endsWith("bosh unignore postgres/0", "bosh unignore postgres/1");
    assertThat(result.topology().primary().name()).isEqualTo("postgres/0");
    assertThat(result.operation().state()).isEqualTo(OperationState.FAILED);
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .endsWith(
            tuple("update postgres/1", OperationState.FAILED),
            tuple("release instances", OperationState.SUCCEEDED));
  }

  @Test
  void aPgpoolThatFailsStopsTheUpdateBeforeTheNextVm() {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "pgpool did not start", FailureType.HOST_COMMAND_FAILED.name()))
        .when(cloud.pgpools.get(1))
        .configure(any());

    RollingUpdateResult result = cloud.run("rolling-pgpool-fails");

    assertThat(result.outcome()).isEqualTo(RollingUpdateOutcome.FAILED);
    assertThat(result.reason()).startsWith("update pgpool/1 failed: pgpool did not start");
    assertThat(result.updated()).containsExactly("pgpool/0");
    verifyNoInteractions(cloud.pgpools.get(2), cloud.standbyHost, cloud.primaryHost);
    assertThat(cloud.events)
        .endsWith(
            "bosh unignore postgres/0",
            "bosh unignore postgres/1",
            "bosh unignore pgpool/1",
            "bosh unignore pgpool/2");
  }

  @Test
  void aPgpoolThatDoesNotRouteAgainStopsTheUpdate() {
    when(cloud.pgpools.get(0).status()).thenReturn(RollingUpdateCloud.pgpool(true, "standby"));

    RollingUpdateResult result = cloud.run("rolling-pgpool-no-route");

    assertThat(result.outcome()).isEqualTo(RollingUpdateOutcome.FAILED);
    assertThat(result.reason())
        .startsWith(
            "update pgpool/0 failed: pgpool/0: it does not route writes to postgres/0 within 60 s");
    verifyNoInteractions(cloud.primaryHost, cloud.standbyHost);
  }

  @Test
  void aPgpoolWhoseWatchdogDoesNotRejoinStopsTheUpdate() {
    when(cloud.pgpools.get(0).watchdog())
        .thenReturn(new PgpoolWatchdogStatus(true, 2, 1, "QUORUM EXIST", "10.244.0.21"));

    RollingUpdateResult result = cloud.run("rolling-pgpool-no-watchdog");

    assertThat(result.outcome()).isEqualTo(RollingUpdateOutcome.FAILED);
    assertThat(result.reason())
        .startsWith(
            "update pgpool/0 failed: pgpool/0: its watchdog does not hear 1 of 2 peers with a"
                + " quorum (QUORUM EXIST) within 60 s");
    verifyNoInteractions(cloud.pgpools.get(1), cloud.primaryHost, cloud.standbyHost);
  }

  @Test
  void aRolledBackSwitchoverLeavesTheOldPrimaryAlone() {
    cloud.switchoverEnds(SwitchoverOutcome.FAILED);

    RollingUpdateResult result = cloud.run("rolling-switchover-failed");

    assertThat(result.outcome()).isEqualTo(RollingUpdateOutcome.FAILED);
    assertThat(result.reason()).startsWith("switchover: stop old primary failed");
    assertThat(result.updated()).containsExactly("pgpool/0", "pgpool/1", "pgpool/2", "postgres/1");
    verifyNoInteractions(cloud.primaryHost);
    assertThat(cloud.events).endsWith("switchover 8MB", "bosh unignore postgres/0");
  }

  @Test
  void aSwitchoverWithoutAResultNeedsAnOperator() {
    cloud.switchoverEnds(null);

    RollingUpdateResult result = cloud.run("rolling-switchover-crashed");

    assertThat(result.outcome()).isEqualTo(RollingUpdateOutcome.NEEDS_OPERATOR);
    assertThat(result.reason())
        .startsWith("switchover failed: switchover crashed; the switchover ")
        .contains("ended without a result: check postgres/0");
    verifyNoInteractions(cloud.primaryHost);
  }

  @Test
  void aSmallerDiskIsRefusedBeforeAnythingHappens() {
    RollingUpdateInput input =
        RollingUpdateCloud.input(false, RollingUpdateCloud.PLAN.diskMb() + 1024);

    assertThatThrownBy(() -> cloud.run("rolling-disk-shrink", input))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
              assertThat(failure.getOriginalMessage())
                  .startsWith(
                      "plan small has a 10240 MB disk, smaller than the cluster's 11264 MB");
            });
    verifyNoInteractions(
        cloud.bosh, cloud.manifests, cloud.primaryHost, cloud.standbyHost, cloud.sql);
  }
}
