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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
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

  /**
   * @param settings the repository part is used: endpoint, port, bucket, region, keys, TLS
   */
  public S3BackupCatalog(ArchiveSettings settings) {
    this.repository = new S3Repository(settings);
  }

  @Override
  public void put(BackupRecord record) {
    String key = BackupCatalogKeys.key(record.clusterId(), record.backupId());
    byte[] json = BackupRecordJson.write(record.withPgfleetVersion(VERSION));
    call(
        "writing " + key,
        () ->
            repository.s3.putObject(
                b -> b.bucket(repository.bucket).key(key).contentType(JSON_TYPE),
                RequestBody.fromBytes(json)));
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
    String prefix = BackupCatalogKeys.prefix(clusterId);
    List<String> keys =
        call(
            "listing " + prefix,
            () ->
                repository
                    .s3
                    .listObjectsV2Paginator(b -> b.bucket(repository.bucket).prefix(prefix))
                    .contents()
                    .stream()
                    .map(S3Object::key)
                    .filter(key -> key.endsWith(BackupCatalogKeys.SUFFIX))
                    .toList());
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
    byte[] json =
        call(
            "reading " + key,
            () ->
                repository
                    .s3
                    .getObjectAsBytes(b -> b.bucket(repository.bucket).key(key))
                    .asByteArray());
    try {
      return BackupRecordJson.read(key, json);
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "catalog object " + key + " is not a backup entry: " + e.getMessage(),
          FailureType.INVALID_INPUT.name());
    }
  }

  private static long takenAt(BackupRecord record) {
    return record.start() != null ? record.start().atMillis() : record.recordedAtMillis();
  }

  private static <T> T call(String what, java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (NoSuchKeyException e) {
      throw e;
    } catch (SdkException e) {
      throw S3Failures.toFailure("Backup catalog: " + what, e);
    }
  }

  @Override
  public void delete(BackupRef ref) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public ArchiveCoverage archiveCoverage(String clusterId) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public int pruneWal(PruneWalRequest request) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void putVerification(BackupVerification verification) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public List<BackupVerification> verifications(String clusterId) {
    throw new UnsupportedOperationException("not built yet");
  }
}
