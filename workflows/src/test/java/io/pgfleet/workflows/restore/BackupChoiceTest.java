package io.pgfleet.workflows.restore;

import static io.pgfleet.workflows.restore.RestoreFixture.NEWER;
import static io.pgfleet.workflows.restore.RestoreFixture.OLDER;
import static io.pgfleet.workflows.restore.RestoreFixture.lsn;
import static io.pgfleet.workflows.restore.RestoreFixture.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Older ends at 10:00 (0/5000138), newer at 12:00 (0/9000100); ends are inclusive. */
class BackupChoiceTest {

  static final String CLUSTER = "c-1";
  static final List<BackupRecord> CATALOG = RestoreFixture.catalog(CLUSTER);

  @ParameterizedTest(name = "time {0} -> {1}")
  @CsvSource({
    "2026-11-21T10:00:00Z, b-older",
    "2026-11-21T11:59:59.999Z, b-older",
    "2026-11-21T12:00:00Z, b-newer",
    "2026-11-21T13:30:00+01:00, b-newer",
    "2026-11-21T11:30:00+01:00, b-older",
    "2026-11-22T00:00:00Z, b-newer"
  })
  void byTimeTheNewestBackupEndingAtOrBeforeIt(String at, String chosen) {
    assertThat(BackupChoice.newest(CATALOG, CLUSTER, time(at)).backupId()).isEqualTo(chosen);
  }

  @ParameterizedTest(name = "lsn {0} -> {1}")
  @CsvSource({"0/5000138, b-older", "0/90000FF, b-older", "0/9000100, b-newer", "1/0, b-newer"})
  void byLsnTheNewestBackupEndingAtOrBeforeIt(String position, String chosen) {
    assertThat(BackupChoice.newest(CATALOG, CLUSTER, lsn(position)).backupId()).isEqualTo(chosen);
  }

  @Test
  void otherTargetsTakeTheNewestCompletedSnapshotNeverAFailedOrCopyOne() {
    for (RecoveryTarget target :
        List.of(
            RecoveryTarget.latest(),
            new RecoveryTarget(RecoveryTargetKind.XID, "1234"),
            new RecoveryTarget(RecoveryTargetKind.NAME, "before-migration"))) {
      assertThat(BackupChoice.newest(CATALOG, CLUSTER, target).backupId()).isEqualTo(NEWER);
    }
  }

  @Test
  void noBackupBeforeTheTargetIsRefused() {
    assertThatThrownBy(() -> BackupChoice.newest(CATALOG, CLUSTER, time("2026-11-21T09:59:59Z")))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("no completed snapshot backup that ends at or before time");
    assertThatThrownBy(() -> BackupChoice.newest(List.of(), CLUSTER, RecoveryTarget.latest()))
        .hasMessageContaining("cluster c-1 has no completed snapshot backup");
  }

  @Test
  void aNamedBackupMustBeACompletedSnapshot() {
    BackupRecord older = CATALOG.get(0);
    assertThat(BackupChoice.named(Optional.of(older), CLUSTER, OLDER)).isEqualTo(older);
    assertThatThrownBy(() -> BackupChoice.named(Optional.empty(), CLUSTER, "b-x"))
        .hasMessageContaining("cluster c-1 has no backup b-x");
    assertThatThrownBy(() -> BackupChoice.named(Optional.of(CATALOG.get(1)), CLUSTER, "b-failed"))
        .hasMessageContaining("is FAILED");
    assertThatThrownBy(() -> BackupChoice.named(Optional.of(CATALOG.get(3)), CLUSTER, "b-copy"))
        .hasMessageContaining("is a COPY backup");
  }
}
