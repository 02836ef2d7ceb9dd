package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshInstance;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * What must hold before a backup starts, checked on the node itself: the node the topology calls
 * primary is one, and it archives its WAL into the cluster's stanza without failing. A backup whose
 * WAL does not reach the archive could never be restored, so none is taken.
 */
final class BackupChecks {

  private BackupChecks() {}

  /** The stanza the primary archives to; fails with HOST_STATE_CONFLICT naming what is wrong. */
  static String primaryArchives(
      String clusterId, ClusterNode primary, PostgresHostActivities host) {
    PostgresNodeStatus status = host.status();
    if (status.role() != PostgresRole.PRIMARY) {
      throw conflict(
          "%s (%s) is not a running primary but %s; backups are taken on the primary"
              .formatted(primary.name(), primary.address(), status.role()));
    }
    ArchiveStatus archive = host.archiveStatus();
    String expected = ArchiveSettings.stanzaFor(clusterId);
    if (!archive.configured() || !expected.equals(archive.stanza())) {
      throw conflict(
          "WAL archiving into stanza %s is not configured on %s (stanza %s, configured %s)"
              .formatted(expected, primary.name(), archive.stanza(), archive.configured()));
    }
    if (!archive.archiving()) {
      throw conflict(
          "%s does not archive WAL (archive_mode %s)"
              .formatted(primary.name(), archive.archiveMode()));
    }
    if (archive.failing()) {
      throw conflict(
          "WAL archiving on %s is failing (last failed WAL %s, %d segments waiting); a backup"
                  .formatted(primary.name(), archive.lastFailedWal(), archive.pendingSegments())
              + " taken now could not be restored");
    }
    return archive.stanza();
  }

  /** The primary's VM and persistent disk as BOSH reports them. */
  static PrimaryDisk primaryDisk(ClusterNode primary, List<BoshInstance> instances) {
    BoshInstance instance =
        instances.stream()
            .filter(i -> primary.instanceId().equals(i.id()))
            .findFirst()
            .orElseThrow(
                () ->
                    conflict(
                        "BOSH lists no instance %s (%s)"
                            .formatted(primary.instanceId(), primary.name())));
    if (instance.diskCids() == null || instance.diskCids().isEmpty()) {
      throw conflict(
          "%s (%s) has no persistent disk to snapshot"
              .formatted(primary.name(), primary.instanceId()));
    }
    return new PrimaryDisk(instance.vmCid(), instance.diskCids().get(0));
  }

  private static ApplicationFailure conflict(String message) {
    return ApplicationFailure.newNonRetryableFailure(
        message, FailureType.HOST_STATE_CONFLICT.name());
  }
}
