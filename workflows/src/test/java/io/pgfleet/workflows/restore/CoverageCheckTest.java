package io.pgfleet.workflows.restore;

import static io.pgfleet.workflows.restore.RestoreFixture.lsn;
import static io.pgfleet.workflows.restore.RestoreFixture.time;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The newer backup (12:00, 0/9000100) against an archive up to 13:00 / 0/C000000. */
class CoverageCheckTest {

  static final BackupRecord BACKUP = RestoreFixture.catalog("c-1").get(2);
  static final ArchiveCoverage ARCHIVE = RestoreFixture.coverage("c-1");

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-21T12:00:00Z", "2026-11-21T12:30:00Z", "2026-11-21T13:00:00Z"})
  void aTimeBetweenTheBackupsEndAndTheNewestArchivedWalBothInclusivePasses(String at) {
    assertThatCode(() -> CoverageCheck.check(BACKUP, time(at), ARCHIVE)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0/9000100", "0/A000000", "0/C000000"})
  void anLsnBetweenTheBackupsEndAndTheArchivesEndBothInclusivePasses(String position) {
    assertThatCode(() -> CoverageCheck.check(BACKUP, lsn(position), ARCHIVE))
        .doesNotThrowAnyException();
  }

  @Test
  void targetsOutsideAreRefused() {
    assertRefused(time("2026-11-21T13:00:00.001Z"), "after the newest archived WAL");
    assertRefused(time("2026-11-21T11:59:59.999Z"), "before backup b-newer becomes consistent");
    assertRefused(lsn("0/C000001"), "after the newest archived WAL");
    assertRefused(lsn("0/90000FF"), "before backup b-newer becomes consistent");
  }

  @Test
  void anEmptyArchiveOrOneBehindTheBackupIsRefusedForEveryTarget() {
    ArchiveCoverage empty = new ArchiveCoverage("c-1", List.of(), null, null, null, null);
    assertThatThrownBy(() -> CoverageCheck.check(BACKUP, RecoveryTarget.latest(), empty))
        .hasMessageContaining("holds no WAL");
    ArchiveCoverage behind =
        new ArchiveCoverage(
            "c-1",
            List.of(1),
            "000000010000000000000001",
            "000000010000000000000008",
            "0/9000000",
            RestoreFixture.NEWEST_ARCHIVED);
    assertThatThrownBy(() -> CoverageCheck.check(BACKUP, RecoveryTarget.latest(), behind))
        .hasMessageContaining("after the newest archived WAL");
  }

  private static void assertRefused(RecoveryTarget target, String message) {
    assertThatThrownBy(() -> CoverageCheck.check(BACKUP, target, ARCHIVE))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                org.assertj.core.api.Assertions.assertThat(f.getType())
                    .isEqualTo(FailureType.INVALID_INPUT.name()))
        .hasMessageContaining(message);
  }
}
