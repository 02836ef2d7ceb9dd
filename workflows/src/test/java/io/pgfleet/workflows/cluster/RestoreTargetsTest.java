package io.pgfleet.workflows.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import org.junit.jupiter.api.Test;

class RestoreTargetsTest {

  private static RecoveryTarget target(RecoveryTargetKind kind, String value) {
    return new RecoveryTarget(kind, value);
  }

  @Test
  void wellFormedTargetsOfEveryKindPass() {
    for (RecoveryTarget ok :
        new RecoveryTarget[] {
          target(RecoveryTargetKind.TIME, "2026-11-22T08:15:30.250Z"),
          target(RecoveryTargetKind.TIME, "2026-11-22T09:15:30+01:00"),
          target(RecoveryTargetKind.XID, "745"),
          target(RecoveryTargetKind.LSN, "0/5000028"),
          target(RecoveryTargetKind.LSN, "1A/FF00AB12"),
          target(RecoveryTargetKind.NAME, "before-migration 42"),
          RecoveryTarget.latest(),
          RestoreTargets.orLatest(null)
        }) {
      assertThatCode(() -> RestoreTargets.check(ok)).as(ok.describe()).doesNotThrowAnyException();
    }
  }

  @Test
  void malformedTargetsAreBadInputNamingWhatIsWrong() {
    assertThatThrownBy(
            () -> RestoreTargets.check(target(RecoveryTargetKind.TIME, "2026-11-22 08:15:30")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "recovery target time '2026-11-22 08:15:30' is not an ISO-8601 timestamp with zone,"
                + " e.g. 2026-11-22T08:15:30Z");
    assertThatThrownBy(
            () -> RestoreTargets.check(target(RecoveryTargetKind.TIME, "2026-11-22T08:15:30")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RestoreTargets.check(target(RecoveryTargetKind.XID, "-3")))
        .hasMessage("recovery target xid -3 is not a decimal transaction id");
    assertThatThrownBy(() -> RestoreTargets.check(target(RecoveryTargetKind.LSN, "5000028")))
        .hasMessage("recovery target lsn 5000028 is not a WAL position like 0/5000028");
    assertThatThrownBy(() -> RestoreTargets.check(target(RecoveryTargetKind.NAME, "x".repeat(64))))
        .hasMessageStartingWith("recovery target name xxx");
    assertThatThrownBy(() -> RestoreTargets.check(target(RecoveryTargetKind.NAME, " ")))
        .hasMessage("recovery target name   needs a value");
    assertThatThrownBy(() -> RestoreTargets.check(target(RecoveryTargetKind.LATEST, "now")))
        .hasMessage("recovery target latest takes no value, got 'now'");
    assertThatThrownBy(() -> RestoreTargets.check(target(null, "745")))
        .hasMessage("the recovery target has no kind (time, xid, lsn, name or latest)");
  }
}
