package io.pgfleet.workflows.restore;

import static io.pgfleet.workflows.provision.ClusterFixture.CLUSTER_ID;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupPoint;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupStatus;
import io.pgfleet.workflows.backup.CopyDetails;
import io.pgfleet.workflows.backup.SnapshotDetails;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;

/**
 * A source cluster's catalog (two completed snapshot backups, a failed one, a copy), its archive
 * and the answers of a recovery, as the restore tests use them.
 */
final class RestoreFixture {

  static final String OPERATION_ID = "op-restore";
  static final String SOURCE_ID = "c-source";

  /** 10:00 and 12:00 UTC on 2026-11-21: the two completed snapshot backups end there. */
  static final long OLDER_STOP = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();

  static final long NEWER_STOP = Instant.parse("2026-11-21T12:00:00Z").toEpochMilli();

  /** The newest archived WAL segment was stored at 13:00. */
  static final long NEWEST_ARCHIVED = Instant.parse("2026-11-21T13:00:00Z").toEpochMilli();

  static final String OLDER_STOP_LSN = "0/5000138";
  static final String NEWER_STOP_LSN = "0/9000100";
  static final String NEWEST_END_LSN = "0/C000000";

  static final String OLDER = "b-older";
  static final String NEWER = "b-newer";
  static final String FAILED = "b-failed";
  static final String COPY = "b-copy";

  static final RecoveryOutcome RECOVERED =
      new RecoveryOutcome(2, "0/A000100", NEWEST_ARCHIVED - 60_000, "recovery stopping after");

  private RestoreFixture() {}

  static RestoreInput inPlace(RecoveryTarget target, String backupId) {
    return new RestoreInput(
        CLUSTER_ID,
        OPERATION_ID,
        ClusterFixture.topology(),
        CLUSTER_ID,
        backupId,
        target,
        RestoreMode.IN_PLACE,
        ClusterFixture.SECRETS,
        PlanCatalog.SMALL.postgresParameters());
  }

  static RestoreInput intoNewCluster(RecoveryTarget target) {
    return new RestoreInput(
        CLUSTER_ID,
        OPERATION_ID,
        ClusterFixture.topology(),
        SOURCE_ID,
        null,
        target,
        RestoreMode.NEW_CLUSTER,
        ClusterFixture.SECRETS,
        PlanCatalog.SMALL.postgresParameters());
  }

  static RecoveryTarget time(String iso) {
    return new RecoveryTarget(RecoveryTargetKind.TIME, iso);
  }

  static RecoveryTarget lsn(String lsn) {
    return new RecoveryTarget(RecoveryTargetKind.LSN, lsn);
  }

  /** Oldest first, as the catalog lists them. */
  static List<BackupRecord> catalog(String clusterId) {
    return List.of(
        snapshot(clusterId, OLDER, OLDER_STOP, OLDER_STOP_LSN),
        failed(clusterId),
        snapshot(clusterId, NEWER, NEWER_STOP, NEWER_STOP_LSN),
        copy(clusterId));
  }

  static BackupRecord snapshot(String clusterId, String id, long stopAt, String stopLsn) {
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        id,
        clusterId,
        BackupMode.SNAPSHOT,
        BackupStatus.COMPLETED,
        clusterId,
        null,
        1,
        new BackupPoint("0/1000028", "000000010000000000000001", stopAt - 2_000),
        new BackupPoint(stopLsn, "000000010000000000000009", stopAt),
        31_000_000L,
        new SnapshotDetails(List.of(snapshotOf(id)), "disk-old", 10, label(id), null),
        null,
        "test",
        stopAt + 5_000);
  }

  static String snapshotOf(String backupId) {
    return "snap-" + backupId;
  }

  static String label(String backupId) {
    return "START WAL LOCATION: 0/1000028 (file 000000010000000000000001)\nLABEL: " + backupId;
  }

  private static BackupRecord failed(String clusterId) {
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        FAILED,
        clusterId,
        BackupMode.SNAPSHOT,
        BackupStatus.FAILED,
        clusterId,
        "stop backup failed: archive stuck",
        null,
        null,
        null,
        null,
        null,
        null,
        "test",
        NEWER_STOP + 60_000);
  }

  private static BackupRecord copy(String clusterId) {
    long stop = NEWER_STOP + 120_000;
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        COPY,
        clusterId,
        BackupMode.COPY,
        BackupStatus.COMPLETED,
        clusterId,
        null,
        1,
        new BackupPoint("0/A000028", "00000001000000000000000A", stop - 9_000),
        new BackupPoint("0/A000100", "00000001000000000000000A", stop),
        31_000_000L,
        null,
        new CopyDetails("20261121-120000F", "full", null, 4_000_000L),
        "test",
        stop + 1_000);
  }

  static ArchiveCoverage coverage(String clusterId) {
    return new ArchiveCoverage(
        clusterId,
        List.of(1),
        "000000010000000000000001",
        "00000001000000000000000B",
        NEWEST_END_LSN,
        NEWEST_ARCHIVED);
  }

  static ArchiveSettings settings(String clusterId) {
    return new ArchiveSettings(
            "x",
            "127.0.0.1",
            9443,
            "pgfleet-backups",
            "us-east-1",
            "test-access",
            "test-secret",
            "/x",
            false,
            null,
            ArchiveSettings.UriStyle.PATH)
        .forCluster(clusterId);
  }

  static ApplicationFailure notReached() {
    return ApplicationFailure.newNonRetryableFailure(
        "FATAL:  recovery ended before configured recovery target was reached",
        FailureType.RECOVERY_TARGET_NOT_REACHED.name());
  }
}
