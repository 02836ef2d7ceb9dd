package io.pgfleet.activities.backup;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupRef;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.backup.PruneWalRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;

/**
 * The catalog of a worker without a backup repository: every call fails at once, naming the missing
 * settings, instead of leaving a backup's activity unanswered until its timeout.
 */
public final class UnconfiguredBackupCatalog implements BackupCatalogActivities {

  static final String MESSAGE =
      "no backup repository is configured on the control-plane worker"
          + " (pgfleet.backup.repository.*): backups cannot be recorded or listed";

  @Override
  public void put(BackupRecord record) {
    throw refused();
  }

  @Override
  public Optional<BackupRecord> get(BackupRef ref) {
    throw refused();
  }

  @Override
  public List<BackupRecord> list(String clusterId) {
    throw refused();
  }

  private static ApplicationFailure refused() {
    return ApplicationFailure.newNonRetryableFailure(
        MESSAGE, FailureType.OBJECT_STORE_REJECTED.name());
  }

  @Override
  public void delete(BackupRef ref) {
    throw refused();
  }

  @Override
  public ArchiveCoverage archiveCoverage(String clusterId) {
    throw refused();
  }

  @Override
  public int pruneWal(PruneWalRequest request) {
    throw refused();
  }

  @Override
  public void putVerification(BackupVerification verification) {
    throw refused();
  }

  @Override
  public List<BackupVerification> verifications(String clusterId) {
    throw refused();
  }
}
