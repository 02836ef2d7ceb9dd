package io.pgfleet.workflows.backup.schedule;

import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupPoint;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupStatus;
import io.pgfleet.workflows.backup.CopyDetails;
import io.pgfleet.workflows.backup.SnapshotDetails;
import java.util.List;

/** Catalog entries for retention tests: backup n starts at WAL segment n, n hours in. */
final class RetentionFixture {

  static final String CLUSTER = "c-1";
  private static final long HOUR = 3_600_000L;

  private RetentionFixture() {}

  static String walFile(int n) {
    return "%08X%08X%08X".formatted(1, 0, n);
  }

  static BackupRecord completed(String id, int n) {
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        id,
        CLUSTER,
        BackupMode.SNAPSHOT,
        BackupStatus.COMPLETED,
        CLUSTER,
        null,
        1,
        new BackupPoint("0/" + Integer.toHexString(n) + "000028", walFile(n), n * HOUR),
        new BackupPoint("0/" + Integer.toHexString(n) + "000138", walFile(n), n * HOUR + 2_000),
        1_000L,
        new SnapshotDetails(List.of("snap-" + id), "disk-1", 10, "label", null),
        null,
        "dev",
        n * HOUR + 3_000);
  }

  /** A copy-mode entry: pgBackRest set {@code label}, an incremental when {@code prior} is set. */
  static BackupRecord copy(String id, int n, String label, String prior) {
    BackupRecord snapshot = completed(id, n);
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        id,
        CLUSTER,
        BackupMode.COPY,
        BackupStatus.COMPLETED,
        CLUSTER,
        null,
        1,
        snapshot.start(),
        snapshot.stop(),
        1_000L,
        null,
        new CopyDetails(label, prior == null ? "full" : "incr", prior, 500L),
        "dev",
        snapshot.recordedAtMillis());
  }

  static BackupRecord failed(String id, int n) {
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        id,
        CLUSTER,
        BackupMode.SNAPSHOT,
        BackupStatus.FAILED,
        CLUSTER,
        "snapshot failed",
        null,
        null,
        null,
        null,
        null,
        null,
        "dev",
        n * HOUR + 1_000);
  }
}
