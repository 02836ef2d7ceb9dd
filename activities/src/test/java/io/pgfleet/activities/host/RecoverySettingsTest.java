package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoverySettingsTest {

  private static final String FETCH = "pgbackrest --stanza=c-1 archive-get %f \"%p\"";

  @Test
  void everyTargetIsInclusiveFollowsTheLatestTimelineAndPromotes() {
    Map<String, String> settings =
        RecoverySettings.of(new RecoveryTarget(RecoveryTargetKind.XID, "1234"), FETCH);

    assertThat(settings)
        .containsEntry("restore_command", FETCH)
        .containsEntry("recovery_target_xid", "1234")
        .containsEntry("recovery_target_inclusive", "on")
        .containsEntry("recovery_target_timeline", "latest")
        .containsEntry("recovery_target_action", "promote")
        .hasSize(5);
  }

  @Test
  void aTimeIsWrittenInUtcWithMicroseconds() {
    assertThat(target(RecoveryTargetKind.TIME, "2026-11-22T09:15:30.250+01:00"))
        .containsEntry("recovery_target_time", "2026-11-22 08:15:30.250000+00");
    // nanoseconds are cut, not rounded: a commit at .123456 still counts as at or before the target
    assertThat(target(RecoveryTargetKind.TIME, "2026-11-22T08:15:30.123456789Z"))
        .containsEntry("recovery_target_time", "2026-11-22 08:15:30.123456+00");
  }

  @Test
  void lsnNameAndLatest() {
    assertThat(target(RecoveryTargetKind.LSN, "0/5000a28"))
        .containsEntry("recovery_target_lsn", "0/5000A28");
    assertThat(target(RecoveryTargetKind.NAME, "before 'upgrade'"))
        .containsEntry("recovery_target_name", "before 'upgrade'");
    assertThat(RecoverySettings.of(RecoveryTarget.latest(), FETCH))
        .doesNotContainKeys(
            "recovery_target_time",
            "recovery_target_xid",
            "recovery_target_lsn",
            "recovery_target_name");
  }

  @Test
  void malformedTargetsAreInvalidInput() {
    assertInvalid(new RecoveryTarget(RecoveryTargetKind.TIME, "yesterday"), "ISO-8601");
    assertInvalid(new RecoveryTarget(RecoveryTargetKind.TIME, "2026-11-22T08:15:30"), "with zone");
    assertInvalid(new RecoveryTarget(RecoveryTargetKind.XID, "12a"), "transaction id");
    assertInvalid(new RecoveryTarget(RecoveryTargetKind.LSN, "5000028"), "WAL position");
    assertInvalid(new RecoveryTarget(RecoveryTargetKind.NAME, "x".repeat(64)), "63 bytes");
    assertInvalid(new RecoveryTarget(RecoveryTargetKind.NAME, "a\nb"), "single line");
    assertInvalid(new RecoveryTarget(RecoveryTargetKind.NAME, null), "no value");
    assertInvalid(new RecoveryTarget(null, "1"), "missing");
    assertInvalid(null, "missing");
  }

  @Test
  void withoutDropsEveryRecoverySettingAndNothingElse() {
    Map<String, String> settings =
        new java.util.LinkedHashMap<>(target(RecoveryTargetKind.XID, "7"));
    settings.put("port", "5432");

    assertThat(RecoverySettings.without(settings)).containsOnlyKeys("port", "restore_command");
  }

  private static Map<String, String> target(RecoveryTargetKind kind, String value) {
    return RecoverySettings.of(new RecoveryTarget(kind, value), FETCH);
  }

  private static void assertInvalid(RecoveryTarget target, String message) {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> RecoverySettings.valid(target));
    assertThat(failure).as("failure for " + target).isNotNull();
    assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
    assertThat(failure.getOriginalMessage()).contains(message);
  }
}
