package io.pgfleet.workflows.switchover;

import static io.pgfleet.workflows.switchover.SwitchoverCloud.awaiting;
import static io.pgfleet.workflows.switchover.SwitchoverCloud.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.host.AwaitWalInput.Mark;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step before the promotion fails: what was done to the old primary is undone (hold released,
 * started again if stopped, attached in pgpool again if stopped), nothing is promoted, the run ends
 * FAILED naming the step. From the promotion on, nothing is undone.
 */
class SwitchoverRollbackTest {

  private final SwitchoverCloud cloud = new SwitchoverCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void aStandbyThatDoesNotStreamIsRefusedWithNothingToUndo() {
    when(cloud.standbyHost.status()).thenReturn(SwitchoverCloud.notStreaming());

    SwitchoverResult result = cloud.run("switchover-not-streaming");

    assertFailed(result, "check", "postgres/1 does not stream from postgres/0");
    assertThat(result.reason()).endsWith("rolled back: nothing to undo");
    verify(cloud.primaryHost, never()).checkpoint();
    verify(cloud.primaryHost, never()).releaseWrites();
  }

  @Test
  void aStandbyTooFarBehindIsRefused() {
    when(cloud.standbyHost.status()).thenReturn(SwitchoverCloud.standby(2_000_000, 1));

    SwitchoverResult result = cloud.run("switchover-lagging");

    assertFailed(result, "check", "postgres/1 is 2000000 bytes behind, more than the 1048576");
    verify(cloud.primaryHost, never()).holdWrites();
  }

  @Test
  void aFailedCheckpointHoldsNothing() {
    when(cloud.primaryHost.checkpoint()).thenThrow(failure("disk full"));

    SwitchoverResult result = cloud.run("switchover-checkpoint-failed");

    assertFailed(result, "prepare", "disk full");
    verify(cloud.primaryHost, never()).holdWrites();
    verify(cloud.primaryHost, never()).releaseWrites();
  }

  @Test
  void aHoldWhoseAnswerWasLostIsReleased() {
    when(cloud.primaryHost.holdWrites()).thenThrow(failure("reload not applied"));

    SwitchoverResult result = cloud.run("switchover-hold-failed");

    assertFailed(result, "hold writes", "reload not applied");
    assertThat(result.reason()).endsWith("rolled back: postgres/0 writes released");
    verify(cloud.primaryHost).releaseWrites();
    verify(cloud.primaryHost, never()).start();
    verifyNothingStoppedOrPromoted();
  }

  @Test
  void aStandbyThatDoesNotCatchUpReleasesTheHold() {
    when(cloud.standbyHost.awaitWal(awaiting(Mark.REPLAYED_UP_TO)))
        .thenThrow(failure("standby is at 0/3000000 after 10 s"));

    SwitchoverResult result = cloud.run("switchover-no-catch-up");

    assertFailed(result, "catch up", "standby is at 0/3000000 after 10 s");
    assertThat(result.writesHeldMillis()).isGreaterThanOrEqualTo(0);
    verify(cloud.primaryHost).releaseWrites();
    verifyNothingStoppedOrPromoted();
  }

  @Test
  void aFailedStopStartsTheOldPrimaryAgainAndAttachesIt() {
    when(cloud.primaryHost.stopCleanly()).thenThrow(failure("not shut down cleanly"));

    SwitchoverResult result = cloud.run("switchover-stop-failed");

    assertFailed(result, "stop old primary", "not shut down cleanly");
    assertThat(result.reason())
        .endsWith("rolled back: postgres/0 started again, writes released, attached by 3 pgpools");
    verifyStartedReleasedAttached();
  }

  @Test
  void aShutdownCheckpointNotReceivedRollsBackWithoutPromoting() {
    when(cloud.standbyHost.awaitWal(awaiting(Mark.RECEIVED_PAST)))
        .thenThrow(failure("standby is at 0/3000100"));

    SwitchoverResult result = cloud.run("switchover-checkpoint-not-received");

    assertFailed(result, "await shutdown checkpoint", "standby is at 0/3000100");
    verifyStartedReleasedAttached();
  }

  @Test
  void aFailedPromotionNeedsAnOperatorAndLeavesTheOldPrimaryStopped() {
    when(cloud.standbyHost.promote(any())).thenThrow(failure("still promoting"));

    SwitchoverResult result = cloud.run("switchover-promote-failed");

    assertThat(result.outcome()).isEqualTo(SwitchoverOutcome.NEEDS_OPERATOR);
    assertThat(result.reason())
        .startsWith("promote failed: still promoting")
        .contains("postgres/0 is stopped and left so");
    verify(cloud.primaryHost, never()).start();
    verify(cloud.primaryHost, never()).releaseWrites();
  }

  @Test
  void aFailedRollbackNeedsAnOperator() {
    when(cloud.primaryHost.stopCleanly()).thenThrow(failure("not shut down cleanly"));
    when(cloud.primaryHost.start()).thenThrow(failure("no space left"));

    SwitchoverResult result = cloud.run("switchover-rollback-failed");

    assertThat(result.outcome()).isEqualTo(SwitchoverOutcome.NEEDS_OPERATOR);
    assertThat(result.reason())
        .isEqualTo(
            "stop old primary failed: not shut down cleanly; rollback failed: no space left,"
                + " postgres/0 may take no writes");
    assertThat(result.topology().primary().name()).isEqualTo("postgres/0");
  }

  private void assertFailed(SwitchoverResult result, String step, String why) {
    assertThat(result.outcome()).isEqualTo(SwitchoverOutcome.FAILED);
    assertThat(result.reason()).startsWith(step + " failed: " + why);
    assertThat(result.timeline()).isZero();
    assertThat(result.topology().primary().name()).isEqualTo("postgres/0");
    assertThat(result.operation().state()).isEqualTo(OperationState.FAILED);
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .endsWith(tuple(step, OperationState.FAILED), tuple("roll back", OperationState.SUCCEEDED));
  }

  private void verifyNothingStoppedOrPromoted() {
    verify(cloud.primaryHost, never()).stopCleanly();
    verify(cloud.standbyHost, never()).promote(any());
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool, never()).attachBackend(anyInt());
    }
  }

  private void verifyStartedReleasedAttached() {
    verify(cloud.primaryHost).start();
    verify(cloud.primaryHost).releaseWrites();
    verify(cloud.standbyHost, never()).promote(any());
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      verify(pgpool).attachBackend(0);
      verify(pgpool, never()).switchPrimary(any());
    }
  }
}
