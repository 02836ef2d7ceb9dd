package io.pgfleet.gateway.ops;

import static io.pgfleet.gateway.inventory.AuditEvent.ACCEPTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REJECTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REQUESTED;
import static io.pgfleet.workflows.operation.OperationType.BACKUP;

import io.pgfleet.gateway.clusters.BackupWorkflows;
import io.pgfleet.gateway.clusters.ClusterOperationException;
import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.inventory.BackupRepository;
import io.pgfleet.gateway.inventory.InstanceRecord;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupNaming;
import io.pgfleet.workflows.cluster.BackupRequest;
import io.pgfleet.workflows.cluster.BackupSummary;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.operation.OperationState;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * An operator's backup: an Update on the cluster's workflow, whose validator decides whether the
 * cluster can be backed up now; and the cluster's list of backups with how far its archive reaches.
 * Audited like a failover. Every backup the gateway sees is indexed (backup id → cluster) so a
 * verification can be asked for by backup id alone.
 */
@Service
public class BackupService {

  private static final Logger log = LoggerFactory.getLogger(BackupService.class);

  private final ClusterOperations clusters;
  private final BackupWorkflows workflows;
  private final InstanceRepository instances;
  private final BackupRepository backupIndex;
  private final OperationLog audit;

  public BackupService(
      ClusterOperations clusters,
      BackupWorkflows workflows,
      InstanceRepository instances,
      BackupRepository backupIndex,
      OperationLog audit) {
    this.clusters = clusters;
    this.workflows = workflows;
    this.instances = instances;
    this.backupIndex = backupIndex;
    this.audit = audit;
  }

  public OpsResponses.OperationAccepted backup(String clusterId, BackupBody body) {
    BackupMode mode = mode(body);
    requireLive(clusterId);
    String operationId = UUID.randomUUID().toString();
    String detail = "mode " + mode.name().toLowerCase(Locale.ROOT);
    audit.record(clusterId, null, operationId, BACKUP, REQUESTED, detail);
    OperationReceipt receipt;
    try {
      receipt = clusters.backup(clusterId, new BackupRequest(operationId, mode));
    } catch (RuntimeException e) {
      audit.record(clusterId, null, operationId, BACKUP, REJECTED, e.getMessage());
      throw e;
    }
    audit.record(clusterId, null, receipt.operationId(), BACKUP, ACCEPTED, detail);
    remember(clusterId, List.of(receipt.operationId()));
    return new OpsResponses.OperationAccepted(receipt.operationId(), clusterId);
  }

  /** The backups, and the latest restorable time unless the archive could not be read in time. */
  public BackupResponses.BackupList backups(String clusterId) {
    requireLive(clusterId);
    List<BackupSummary> summaries = clusters.backups(clusterId);
    Set<String> known = new HashSet<>(backupIndex.backupIds(clusterId));
    remember(
        clusterId,
        summaries.stream().map(BackupSummary::backupId).filter(id -> !known.contains(id)).toList());
    Instant latestTime = null;
    String latestLsn = null;
    String error = null;
    try {
      ArchiveCoverage coverage = workflows.archiveCoverage(clusterId);
      if (coverage == null || coverage.newestArchivedAtMillis() == null) {
        error = "the WAL archive of cluster " + clusterId + " holds no WAL yet";
      } else {
        latestTime = Instant.ofEpochMilli(coverage.newestArchivedAtMillis());
        latestLsn = coverage.newestEndLsn();
      }
    } catch (ClusterOperationException e) {
      error = e.getMessage();
    } catch (RuntimeException e) {
      log.warn("Archive coverage of cluster {} could not be read", clusterId, e);
      error = "the archive coverage of cluster " + clusterId + " could not be read; see the log";
    }
    return new BackupResponses.BackupList(
        clusterId,
        summaries.stream().map(OpsResponses.Backup::of).toList(),
        latestTime,
        latestLsn,
        error);
  }

  /**
   * The backup as the cluster lists it, if it may be restored or verified: 404 (error NotFound)
   * when the cluster does not list it, 409 unless it succeeded.
   */
  BackupSummary requireSucceeded(String clusterId, String backupId, String purpose) {
    BackupSummary backup =
        clusters.backups(clusterId).stream()
            .filter(b -> backupId.equals(b.backupId()))
            .findFirst()
            .orElseThrow(
                () ->
                    new ApiException(
                        HttpStatus.NOT_FOUND,
                        "NotFound",
                        "cluster " + clusterId + " has no backup " + backupId));
    if (backup.status() != OperationState.SUCCEEDED) {
      throw ApiException.conflict(
          "backup "
              + backupId
              + " of cluster "
              + clusterId
              + " is "
              + OpsResponses.lower(backup.status())
              + "; only a succeeded backup can be "
              + purpose);
    }
    return backup;
  }

  void requireRestorable(String clusterId, String backupId) {
    requireSucceeded(clusterId, backupId, "restored");
  }

  /** Snapshot unless the body names another mode; an unknown one is the caller's mistake. */
  static BackupMode mode(BackupBody body) {
    if (body == null || body.mode() == null) {
      return BackupMode.SNAPSHOT;
    }
    for (BackupMode mode : BackupMode.values()) {
      if (mode.name().equalsIgnoreCase(body.mode().strip())) {
        return mode;
      }
    }
    throw ApiException.badRequest(
        "mode '" + body.mode() + "' is not a backup mode; use \"snapshot\" or \"copy\"");
  }

  InstanceRecord requireLive(String clusterId) {
    return instances
        .find(clusterId)
        .filter(i -> !i.deleted())
        .orElseThrow(() -> ApiException.notFound("cluster " + clusterId + " does not exist"));
  }

  /**
   * Indexes backup ids; best effort, since the request it serves has already succeeded and the next
   * listing records what is missing.
   */
  private void remember(String clusterId, List<String> backupIds) {
    List<String> storable = backupIds.stream().filter(BackupNaming::isSafe).toList();
    if (storable.isEmpty()) {
      return;
    }
    try {
      backupIndex.recordAll(clusterId, storable);
    } catch (RuntimeException e) {
      log.warn("Backups {} of cluster {} could not be indexed", storable, clusterId, e);
    }
  }
}
