package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.activities.backup.S3BackupCatalog;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupPoint;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupRef;
import io.pgfleet.workflows.backup.BackupStatus;
import io.pgfleet.workflows.backup.CopyDetails;
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
