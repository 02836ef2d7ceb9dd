package io.pgfleet.workflows.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.provision.ClusterFixture;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecoveryTargetsTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "TIME, 2026-11-22T08:15:30.250Z",
    "TIME, 2026-11-22T09:15:30+01:00",
    "XID, 1234",
    "LSN, 0/5000028",
    "LSN, 1A/FF",
    "NAME, before-migration",
    "LATEST,"
  })
  void wellFormedTargetsPass(RecoveryTargetKind kind, String value) {
    assertThatCode(() -> RecoveryTargets.requireWellFormed(new RecoveryTarget(kind, value)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0} ''{1}''")
  @CsvSource({
    "TIME, 2026-11-22T08:15:30, not an ISO-8601 time with zone",
    "TIME, yesterday, not an ISO-8601 time with zone",
    "TIME, , not an ISO-8601 time with zone",
    "XID, -5, not a transaction id",
    "XID, 2, not a transaction id",
    "LSN, 0x5000028, not a WAL position",
    "LSN, 0/123456789, not a WAL position",
    "NAME, '', not a restore point name",
    "NAME, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, not a restore point",
    "LATEST, now, takes no value"
  })
  void malformedTargetsAreRefused(RecoveryTargetKind kind, String value, String message) {
    assertThatThrownBy(() -> RecoveryTargets.requireWellFormed(new RecoveryTarget(kind, value)))
        .hasMessageContaining(message);
  }

  @Test
  void timesAndLsnsReadAsPostgresqlReadsThem() {
    assertThat(
            RecoveryTargets.timeMillis(
                new RecoveryTarget(RecoveryTargetKind.TIME, "2026-11-22T09:15:30.250+01:00")))
        .isEqualTo(Instant.parse("2026-11-22T08:15:30.250Z").toEpochMilli());
    assertThat(Lsn.parse("0/5000028")).isEqualTo(0x5000028L);
    assertThat(Lsn.parse("1A/FF")).isEqualTo((0x1AL << 32) | 0xFF);
    assertThat(Lsn.parse("1/0")).isGreaterThan(Lsn.parse("0/FFFFFFFF"));
  }

  @Test
  void volumeTokensStayWithinEc2sLimitAndStable() {
    ClusterNode node = ClusterFixture.topology().standby();
    assertThat(RestoreNaming.volumeToken("op-1", node)).isEqualTo("restore/op-1/postgres_1");
    String longId = "x".repeat(80);
    assertThat(RestoreNaming.volumeToken(longId, node))
        .hasSizeLessThanOrEqualTo(RestoreNaming.MAX_CLIENT_TOKEN)
        .isEqualTo(RestoreNaming.volumeToken(longId, node))
        .isNotEqualTo(RestoreNaming.volumeToken(longId, ClusterFixture.topology().primary()));
  }
}
