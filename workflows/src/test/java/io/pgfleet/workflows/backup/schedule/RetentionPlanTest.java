package io.pgfleet.workflows.backup.schedule;

import static io.pgfleet.workflows.backup.schedule.RetentionFixture.completed;
import static io.pgfleet.workflows.backup.schedule.RetentionFixture.copy;
import static io.pgfleet.workflows.backup.schedule.RetentionFixture.failed;
import static io.pgfleet.workflows.backup.schedule.RetentionFixture.walFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.backup.BackupRecord;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPlanTest {

  private static List<String> ids(List<BackupRecord> records) {
    return records.stream().map(BackupRecord::backupId).toList();
  }

  @Test
  void theNewestCompletedAreKeptAndEverythingOlderGoes() {
    List<BackupRecord> catalog =
        List.of(
            failed("f-1", 1),
            completed("b-2", 2),
            completed("b-3", 3),
            failed("f-4", 4),
            completed("b-5", 5),
            failed("f-6", 6),
            completed("b-7", 7));

    RetentionPlan plan = RetentionPlan.choose(catalog, 2);

    assertThat(ids(plan.doomed())).containsExactly("f-1", "b-2", "b-3", "f-4");
    assertThat(plan.oldestKept().backupId()).isEqualTo("b-5");
    assertThat(plan.pruneBefore(Set.of())).isEqualTo(walFile(5));
  }

  @Test
  void theCatalogOrderIsNotTrustedBlindly() {
    RetentionPlan plan =
        RetentionPlan.choose(
            List.of(completed("b-3", 3), completed("b-1", 1), completed("b-2", 2)), 2);

    assertThat(ids(plan.doomed())).containsExactly("b-1");
    assertThat(plan.oldestKept().backupId()).isEqualTo("b-2");
  }

  @Test
  void fewerCompletedThanRetainedKeepsThemAllButDropsOlderFailures() {
    RetentionPlan plan =
        RetentionPlan.choose(List.of(failed("f-1", 1), completed("b-2", 2), failed("f-3", 3)), 7);

    assertThat(ids(plan.doomed())).containsExactly("f-1");
    assertThat(plan.oldestKept().backupId()).isEqualTo("b-2");
    assertThat(plan.pruneBefore(Set.of())).isEqualTo(walFile(2));
  }

  @Test
  void withoutACompletedBackupNothingGoesAndNothingIsPruned() {
    RetentionPlan plan = RetentionPlan.choose(List.of(failed("f-1", 1), failed("f-2", 2)), 1);

    assertThat(plan.doomed()).isEmpty();
    assertThat(plan.oldestKept()).isNull();
    assertThat(plan.pruneBefore(Set.of())).isNull();
    assertThat(RetentionPlan.choose(List.of(), 3).doomed()).isEmpty();
  }

  @Test
  void aPolicyOfZeroStillKeepsTheNewestBackup() {
    RetentionPlan plan = RetentionPlan.choose(List.of(completed("b-1", 1), completed("b-2", 2)), 0);

    assertThat(ids(plan.doomed())).containsExactly("b-1");
    assertThat(plan.oldestKept().backupId()).isEqualTo("b-2");
  }

  @Test
  void aBackupThatCouldNotBeRemovedKeepsItsWal() {
    RetentionPlan plan =
        RetentionPlan.choose(
            List.of(completed("b-1", 1), completed("b-2", 2), completed("b-3", 3)), 1);

    assertThat(plan.pruneBefore(Set.of("b-2"))).isEqualTo(walFile(2));
    assertThat(plan.pruneBefore(Set.of("b-1", "b-2"))).isEqualTo(walFile(1));
  }

  @Test
  void copySetsAKeptIncrementalBuildsOnStay() {
    List<BackupRecord> entries =
        List.of(
            copy("full-1", 1, "F1", null),
            copy("incr-1", 2, "F1_I1", "F1"),
            copy("full-2", 3, "F2", null),
            copy("incr-2", 4, "F2_I1", "F2"),
            copy("incr-3", 5, "F2_I2", "F2_I1"));

    RetentionPlan plan = RetentionPlan.choose(entries, 1);

    assertThat(plan.doomed())
        .extracting(BackupRecord::backupId)
        .containsExactly("full-1", "incr-1");
    assertThat(plan.oldestKept().backupId()).isEqualTo("incr-3");
  }
}
