package io.pgfleet.workflows.backup;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Optional;

/**
 * The backup catalog in the cluster's S3 repository: one JSON object per backup at {@code
 * <repositoryPathFor(cluster)>/backups/<backupId>.json}, beside the cluster's WAL archive. Run by
 * the control-plane worker. Failures carry {@code OBJECT_STORE_UNAVAILABLE} (retryable), {@code
 * OBJECT_STORE_REJECTED} or {@code INVALID_INPUT} (an id that cannot name an object), see {@link
 * io.pgfleet.workflows.FailureType}.
 */
@ActivityInterface
public interface BackupCatalogActivities {

  /**
   * Writes the entry, replacing any entry with the same backup id: putting the same record twice
   * leaves the same object.
   */
  @ActivityMethod(name = "BackupCatalog.put")
  void put(BackupRecord record);

  /** The entry, or empty when the catalog has none for that id; read-only. */
  @ActivityMethod(name = "BackupCatalog.get")
  Optional<BackupRecord> get(BackupRef ref);

  /** Every entry of the cluster, completed and failed, oldest first; read-only. */
  @ActivityMethod(name = "BackupCatalog.list")
  List<BackupRecord> list(String clusterId);

  /** Removes the entry and its verification; an entry that does not exist counts as removed. */
  @ActivityMethod(name = "BackupCatalog.delete")
  void delete(BackupRef ref);

  /** What the cluster's WAL archive holds now; read-only. */
  @ActivityMethod(name = "BackupCatalog.archiveCoverage")
  ArchiveCoverage archiveCoverage(String clusterId);

  /** Deletes the WAL segments no kept backup needs; returns how many went (0 on a repeat). */
  @ActivityMethod(name = "BackupCatalog.pruneWal")
  int pruneWal(PruneWalRequest request);

  /** Stores the verification beside the entry, replacing an earlier one for the same backup. */
  @ActivityMethod(name = "BackupCatalog.putVerification")
  void putVerification(BackupVerification verification);

  /** The newest verification of every verified backup of the cluster; read-only. */
  @ActivityMethod(name = "BackupCatalog.verifications")
  List<BackupVerification> verifications(String clusterId);
}
