package io.pgfleet.activities.backup;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupNaming;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.temporal.failure.ApplicationFailure;

/**
 * Where catalog entries live: {@code <repositoryPathFor(cluster)>/backups/<backupId>.json}, so a
 * cluster's WAL, pgBackRest backups and catalog share one prefix and go together.
 */
final class BackupCatalogKeys {

  static final String SUFFIX = ".json";

  private BackupCatalogKeys() {}

  /** The prefix every entry of the cluster starts with, e.g. {@code c-1/backups/}. */
  static String prefix(String clusterId) {
    String path = ArchiveSettings.repositoryPathFor(safe("cluster id", clusterId));
    return (path.startsWith("/") ? path.substring(1) : path) + "/backups/";
  }

  static String key(String clusterId, String backupId) {
    return prefix(clusterId) + safe("backup id", backupId) + SUFFIX;
  }

  /** Ids become key segments: nothing that could climb out of the prefix or mean another key. */
  private static String safe(String what, String id) {
    if (!BackupNaming.isSafe(id)) {
      throw ApplicationFailure.newNonRetryableFailure(
          what + " '" + id + "' cannot name a catalog entry", FailureType.INVALID_INPUT.name());
    }
    return id;
  }
}
