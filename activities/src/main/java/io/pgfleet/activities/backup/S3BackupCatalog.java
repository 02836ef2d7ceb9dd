package io.pgfleet.activities.backup;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupRef;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.backup.PruneWalRequest;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link BackupCatalogActivities} on the backup repository's bucket. Build it with the control
 * plane's repository settings (the same pgBackRest archives with); close it with the worker.
 */
public final class S3BackupCatalog implements BackupCatalogActivities, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3BackupCatalog.class);

  /** The build that writes entries (the jar's manifest), "dev" when run from classes. */
  static final String VERSION =
      Optional.ofNullable(S3BackupCatalog.class.getPackage().getImplementationVersion())
          .orElse("dev");

  private static final String JSON_TYPE = "application/json";

  private final S3Repository repository;
  private final S3WalArchive archive;

  /**
   * @param settings the repository part is used: endpoint, port, bucket, region, keys, TLS
   */
  public S3BackupCatalog(ArchiveSettings settings) {
    this.repository = new S3Repository(settings);
    this.archive = new S3WalArchive(repository);
  }

  @Override
  public void put(BackupRecord record) {
    String key = BackupCatalogKeys.key(record.clusterId(), record.backupId());
    if (VerificationKeys.isVerification(key)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "backup id '"
              + record.backupId()
              + "' cannot name a catalog entry: its key would be taken for a verification",
          FailureType.INVALID_INPUT.name());
    }
    putJson(key, BackupRecordJson.write(record.withPgfleetVersion(VERSION)));
  }

  @Override
  public Optional<BackupRecord> get(BackupRef ref) {
    String key = BackupCatalogKeys.key(ref.clusterId(), ref.backupId());
    try {
      return Optional.of(read(key));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<BackupRecord> list(String clusterId) {
    List<String> keys = keys(clusterId, key -> !VerificationKeys.isVerification(key));
    List<BackupRecord> records = new ArrayList<>();
    for (String key : keys) {
      try {
        records.add(read(key));
      } catch (NoSuchKeyException e) {
        // deleted between listing and reading: not part of the catalog any more
      } catch (ApplicationFailure e) {
        if (!FailureType.INVALID_INPUT.name().equals(e.getType())) {
          throw e;
        }
        LOG.warn("skipping {} in the backup catalog: {}", key, e.getOriginalMessage());
      }
    }
    records.sort(
        Comparator.comparingLong(S3BackupCatalog::takenAt).thenComparing(BackupRecord::backupId));
    return records;
  }

  @Override
  public void close() {
    repository.close();
  }

  /** Throws NoSuchKeyException for a missing object; INVALID_INPUT for one that is no entry. */
  private BackupRecord read(String key) {
    try {
      return BackupRecordJson.read(key, bytes(key));
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "catalog object " + key + " is not a backup entry: " + e.getMessage(),
          FailureType.INVALID_INPUT.name());
    }
  }

  private static long takenAt(BackupRecord record) {
    return record.start() != null ? record.start().atMillis() : record.recordedAtMillis();
  }

  private static <T> T call(String what, Supplier<T> action) {
    return S3Calls.call(what, action);
  }

  /** Replaces whatever the key held: writing the same object twice leaves the same object. */
  private void putJson(String key, byte[] json) {
    call(
        "writing " + key,
        () ->
            repository.s3.putObject(
                b -> b.bucket(repository.bucket).key(key).contentType(JSON_TYPE),
                RequestBody.fromBytes(json)));
  }

  /** The object's content; NoSuchKeyException when it is gone. */
  private byte[] bytes(String key) {
    return call(
        "reading " + key,
        () ->
            repository
                .s3
                .getObjectAsBytes(b -> b.bucket(repository.bucket).key(key))
                .asByteArray());
  }

  /** The cluster's catalog objects (entries and verifications) that {@code wanted} accepts. */
  private List<String> keys(String clusterId, Predicate<String> wanted) {
    String prefix = BackupCatalogKeys.prefix(clusterId);
    return call(
        "listing " + prefix,
        () ->
            repository
                .s3
                .listObjectsV2Paginator(b -> b.bucket(repository.bucket).prefix(prefix))
                .contents()
                .stream()
                .map(S3Object::key)
                .filter(key -> key.endsWith(BackupCatalogKeys.SUFFIX) && wanted.test(key))
                .toList());
  }

  /** Entry and verification in one request; either may be gone already. */
  @Override
  public void delete(BackupRef ref) {
    String entry = BackupCatalogKeys.key(ref.clusterId(), ref.backupId());
    S3Deletes.delete(
        repository, List.of(VerificationKeys.key(ref.clusterId(), ref.backupId()), entry));
  }

  @Override
  public ArchiveCoverage archiveCoverage(String clusterId) {
    return archive.coverage(clusterId);
  }

  @Override
  public int pruneWal(PruneWalRequest request) {
    int pruned = archive.prune(request);
    if (pruned > 0) {
      LOG.info(
          "pruned {} WAL files of cluster {} before {}",
          pruned,
          request.clusterId(),
          request.oldestNeededWalFile());
    }
    return pruned;
  }

  @Override
  public void putVerification(BackupVerification verification) {
    String key = VerificationKeys.key(verification.clusterId(), verification.backupId());
    putJson(key, VerificationJson.write(verification));
  }

  @Override
  public List<BackupVerification> verifications(String clusterId) {
    List<BackupVerification> verifications = new ArrayList<>();
    for (String key : keys(clusterId, VerificationKeys::isVerification)) {
      try {
        verifications.add(VerificationJson.read(key, bytes(key)));
      } catch (NoSuchKeyException e) {
        // deleted with its backup between listing and reading
      } catch (IOException e) {
        LOG.warn("skipping {} in the backup catalog: {}", key, e.getMessage());
      }
    }
    verifications.sort(
        Comparator.comparingLong(BackupVerification::verifiedAtMillis)
            .thenComparing(BackupVerification::backupId));
    return verifications;
  }
}
