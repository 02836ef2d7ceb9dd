package io.pgfleet.activities.backup;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupNaming;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.temporal.failure.ApplicationFailure;

/** Where pgBackRest keeps a cluster's WAL: {@code <repo-path>/archive/<stanza>/}. */
final class ArchiveKeys {

  private ArchiveKeys() {}

  /** e.g. {@code c-1/archive/c-1/}: the cluster's own path and stanza, as it archives. */
  static String prefix(String clusterId) {
    if (!BackupNaming.isSafe(clusterId)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cluster id '" + clusterId + "' cannot name a WAL archive",
          FailureType.INVALID_INPUT.name());
    }
    String path = ArchiveSettings.repositoryPathFor(clusterId);
    return (path.startsWith("/") ? path.substring(1) : path)
        + "/archive/"
        + ArchiveSettings.stanzaFor(clusterId)
        + "/";
  }
}
