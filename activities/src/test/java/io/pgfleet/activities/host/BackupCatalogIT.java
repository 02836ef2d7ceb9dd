package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.activities.backup.S3BackupCatalog;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupPoint;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupRef;
import io.pgfleet.workflows.backup.BackupStatus;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.backup.CopyDetails;
import io.pgfleet.workflows.backup.PruneWalRequest;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The backup catalog against S3Proxy over https with its own CA, as the control plane reaches the
 * repository pgBackRest archives into.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupCatalogIT {

  private Path root;
  private TestS3Proxy s3;
  private S3BackupCatalog catalog;

  @BeforeAll
  void startObjectStore() throws Exception {
    root = Files.createTempDirectory(Path.of("/tmp"), "pgfleet-catalog");
    s3 = TestS3Proxy.start(root.resolve("s3"), TestVm.freeLoopbackPrefix() + "9");
    catalog = new S3BackupCatalog(s3.settings("repository"));
  }

  @AfterAll
  void stop() {
    if (catalog != null) {
      catalog.close();
    }
    if (s3 != null) {
      s3.close();
    }
    HostFiles.deleteTree(root);
  }

  private static String cluster() {
    return "c-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static BackupRecord record(String clusterId, String backupId, BackupStatus status, long at) {
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        backupId,
        clusterId,
        BackupMode.COPY,
        status,
        clusterId,
        status == BackupStatus.FAILED ? "pgBackRest full backup failed: exit 82" : null,
        status == BackupStatus.FAILED ? null : 1,
        status == BackupStatus.FAILED ? null : new BackupPoint("0/7000028", "x", at),
        null,
        null,
        null,
        status == BackupStatus.FAILED ? null : new CopyDetails("20240611-101500F", "full", null, 9),
        null,
        at + 1);
  }

  @Test
  void anEntryPutIsReadBackWithTheWritingVersionStampedBesideTheClusterArchive() {
    String clusterId = cluster();
    BackupRecord record = record(clusterId, "b-1", BackupStatus.COMPLETED, 1_000);

    catalog.put(record);
    BackupRecord read = catalog.get(new BackupRef(clusterId, "b-1")).orElseThrow();

    assertThat(read.pgfleetVersion()).isNotBlank();
    assertThat(read).isEqualTo(record.withPgfleetVersion(read.pgfleetVersion()));
    assertThat(keys(clusterId + "/")).containsExactly(clusterId + "/backups/b-1.json");
  }

  @Test
  void puttingTheSameIdAgainReplacesTheEntryAndLeavesOneObject() {
    String clusterId = cluster();
    catalog.put(record(clusterId, "b-1", BackupStatus.FAILED, 1_000));
    catalog.put(record(clusterId, "b-1", BackupStatus.COMPLETED, 1_000));
    catalog.put(record(clusterId, "b-1", BackupStatus.COMPLETED, 1_000));

    assertThat(keys(clusterId + "/")).hasSize(1);
    assertThat(catalog.get(new BackupRef(clusterId, "b-1")).orElseThrow().status())
        .isEqualTo(BackupStatus.COMPLETED);
  }

  @Test
  void anUnknownBackupIsEmpty() {
    assertThat(catalog.get(new BackupRef(cluster(), "b-none"))).isEmpty();
  }

  @Test
  void listingGivesTheClusterEntriesOldestFirstAndSkipsForeignObjects() {
    String clusterId = cluster();
    String other = cluster();
    catalog.put(record(clusterId, "b-late", BackupStatus.COMPLETED, 3_000));
    catalog.put(record(clusterId, "b-failed", BackupStatus.FAILED, 2_000));
    catalog.put(record(clusterId, "b-early", BackupStatus.COMPLETED, 1_000));
    catalog.put(record(other, "b-other", BackupStatus.COMPLETED, 500));
    try (S3Client client = s3.client()) {
      client.putObject(
          b -> b.bucket(TestS3Proxy.BUCKET).key(clusterId + "/backups/notes.json"),
          RequestBody.fromString("{\"hello\":1}"));
    }

    List<BackupRecord> listed = catalog.list(clusterId);

    assertThat(listed)
        .extracting(BackupRecord::backupId)
        .containsExactly("b-early", "b-failed", "b-late");
    assertThat(catalog.list(cluster())).isEmpty();
  }

  @Test
  void aRefusedKeyIsRejectedForGood() {
    ArchiveSettings wrongKey = s3.settings("repository").withKeys(s3.accessKey, "not-the-secret");
    try (S3BackupCatalog refused = new S3BackupCatalog(wrongKey)) {
      ApplicationFailure failure =
          catchThrowableOfType(ApplicationFailure.class, () -> refused.list(cluster()));

      assertThat(failure.getType()).isEqualTo(FailureType.OBJECT_STORE_REJECTED.name());
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).contains("Backup catalog: listing c-");
    }
  }

  @Test
  void anUnreachableStoreIsWorthRetrying() {
    ArchiveSettings s = s3.settings("repository");
    ArchiveSettings closedPort =
        new ArchiveSettings(
            s.stanza(),
            s.endpoint(),
            1,
            s.bucket(),
            s.region(),
            s.accessKey(),
            s.secretKey(),
            s.repositoryPath(),
            false,
            null,
            s.uriStyle());
    try (S3BackupCatalog unreachable = new S3BackupCatalog(closedPort)) {
      ApplicationFailure failure =
          catchThrowableOfType(
              ApplicationFailure.class,
              () -> unreachable.put(record(cluster(), "b-1", BackupStatus.COMPLETED, 1)));

      assertThat(failure.getType()).isEqualTo(FailureType.OBJECT_STORE_UNAVAILABLE.name());
      assertThat(failure.isNonRetryable()).isFalse();
    }
  }

  @Test
  void aStoreWhoseCertificateIsNotCheckedStillWorksWhenTheSettingsSaySo() {
    ArchiveSettings s = s3.settings("repository");
    ArchiveSettings unverified =
        new ArchiveSettings(
            s.stanza(),
            s.endpoint(),
            s.port(),
            s.bucket(),
            s.region(),
            s.accessKey(),
            s.secretKey(),
            s.repositoryPath(),
            false,
            null,
            s.uriStyle());
    String clusterId = cluster();
    try (S3BackupCatalog plain = new S3BackupCatalog(unverified)) {
      plain.put(record(clusterId, "b-1", BackupStatus.COMPLETED, 1));
    }
    assertThat(catalog.get(new BackupRef(clusterId, "b-1"))).isPresent();
  }

  private static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";

  /** Objects as pgBackRest lays out a stanza that went through one failover (see ArchivingIT). */
  private void archiveWithOneFailover(String clusterId) {
    String archive = clusterId + "/archive/" + clusterId + "/";
    String log1 = archive + "15-1/0000000100000000/";
    String log2 = archive + "15-1/0000000200000000/";
    putAll(
        archive + "archive.info",
        archive + "archive.info.copy",
        log1 + "000000010000000000000003-" + SHA1 + ".gz",
        log1 + "000000010000000000000004-" + SHA1 + ".gz",
        log1 + "000000010000000000000004.00000028.backup",
        log1 + "000000010000000000000005-" + SHA1 + ".gz",
        log1 + "000000010000000000000006.partial-" + SHA1 + ".gz",
        archive + "15-1/00000002.history");
    putAll(
        log2 + "000000020000000000000006-" + SHA1 + ".gz",
        log2 + "000000020000000000000007-" + SHA1 + ".gz");
  }

  @Test
  void coverageNamesTimelinesAndTheNewestSegmentWithItsEndAndTime() {
    String clusterId = cluster();
    long before = System.currentTimeMillis() - CLOCK_SLACK_MILLIS;
    archiveWithOneFailover(clusterId);
    long after = System.currentTimeMillis() + CLOCK_SLACK_MILLIS;

    ArchiveCoverage coverage = catalog.archiveCoverage(clusterId);

    assertThat(coverage.stanza()).isEqualTo(clusterId);
    assertThat(coverage.timelines()).containsExactly(1, 2);
    assertThat(coverage.oldestWalFile()).isEqualTo("000000010000000000000003");
    assertThat(coverage.newestWalFile()).isEqualTo("000000020000000000000007");
    assertThat(coverage.newestEndLsn()).isEqualTo("0/8000000");
    assertThat(coverage.newestArchivedAtMillis()).isBetween(before, after);
  }

  @Test
  void anEmptyArchiveCoversNothing() {
    String clusterId = cluster();

    assertThat(catalog.archiveCoverage(clusterId))
        .isEqualTo(new ArchiveCoverage(clusterId, List.of(), null, null, null, null));
  }

  @Test
  void pruningDeletesWhatLiesBeforeTheNeededPositionOnEveryTimelineAndOnlyOnce() {
    String clusterId = cluster();
    archiveWithOneFailover(clusterId);
    String archive = clusterId + "/archive/" + clusterId + "/";

    int pruned = catalog.pruneWal(new PruneWalRequest(clusterId, "000000020000000000000006"));
    int again = catalog.pruneWal(new PruneWalRequest(clusterId, "000000020000000000000006"));

    assertThat(pruned).isEqualTo(4); // segments 3, 4, 5 and the label file of timeline 1
    assertThat(again).isZero();
    assertThat(keys(archive))
        .containsExactlyInAnyOrder(
            archive + "archive.info",
            archive + "archive.info.copy",
            archive + "15-1/00000002.history",
            archive + "15-1/0000000100000000/000000010000000000000006.partial-" + SHA1 + ".gz",
            archive + "15-1/0000000200000000/000000020000000000000006-" + SHA1 + ".gz",
            archive + "15-1/0000000200000000/000000020000000000000007-" + SHA1 + ".gz");
    assertThat(catalog.archiveCoverage(clusterId).oldestWalFile())
        .isEqualTo("000000020000000000000006");
  }

  @Test
  void pruningToAMalformedFileIsRefused() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> catalog.pruneWal(new PruneWalRequest(cluster(), "0/5000000")));

    assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
  }

  @Test
  void verificationsLiveBesideTheirEntryAndGoWithIt() {
    String clusterId = cluster();
    catalog.put(record(clusterId, "b-1", BackupStatus.COMPLETED, 1_000));
    catalog.put(record(clusterId, "b-2", BackupStatus.COMPLETED, 2_000));
    catalog.putVerification(new BackupVerification(clusterId, "b-1", false, "boom", "op-1", 10));
    catalog.putVerification(new BackupVerification(clusterId, "b-1", true, "ok", "op-2", 20));
    catalog.putVerification(new BackupVerification(clusterId, "b-2", true, "ok", "op-3", 15));

    assertThat(catalog.list(clusterId))
        .extracting(BackupRecord::backupId)
        .containsExactly("b-1", "b-2");
    assertThat(catalog.verifications(clusterId))
        .extracting(BackupVerification::operationId)
        .containsExactly("op-3", "op-2");

    catalog.delete(new BackupRef(clusterId, "b-1"));
    catalog.delete(new BackupRef(clusterId, "b-1"));
    catalog.delete(new BackupRef(clusterId, "b-never"));

    assertThat(keys(clusterId + "/"))
        .containsExactlyInAnyOrder(
            clusterId + "/backups/b-2.json", clusterId + "/backups/b-2.verification.json");
    assertThat(catalog.verifications(clusterId))
        .extracting(BackupVerification::backupId)
        .containsExactly("b-2");
  }

  @Test
  void aBackupIdThatLooksLikeAVerificationIsRefused() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> catalog.put(record(cluster(), "b-1.verification", BackupStatus.COMPLETED, 1)));

    assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
  }

  /** S3Proxy stamps LastModified with whole seconds from its own clock. */
  private static final long CLOCK_SLACK_MILLIS = 2_000;

  private void putAll(String... keys) {
    try (S3Client client = s3.client()) {
      for (String key : keys) {
        client.putObject(b -> b.bucket(TestS3Proxy.BUCKET).key(key), RequestBody.fromString("wal"));
      }
    }
  }

  private List<String> keys(String prefix) {
    try (S3Client client = s3.client()) {
      return client
          .listObjectsV2Paginator(b -> b.bucket(TestS3Proxy.BUCKET).prefix(prefix))
          .contents()
          .stream()
          .map(S3Object::key)
          .toList();
    }
  }
}
