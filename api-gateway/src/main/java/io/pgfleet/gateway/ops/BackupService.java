package io.pgfleet.gateway.ops;

import static io.pgfleet.gateway.inventory.AuditEvent.ACCEPTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REJECTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REQUESTED;
import static io.pgfleet.workflows.operation.OperationType.BACKUP;

import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.cluster.BackupRequest;
import io.pgfleet.workflows.cluster.OperationReceipt;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * An operator's backup: an Update on the cluster's workflow, whose validator decides whether the
 * cluster can be backed up now; and the cluster's list of backups. Audited like a failover.
 */
@Service
public class BackupService {

  private final ClusterOperations clusters;
  private final InstanceRepository instances;
  private final OperationLog audit;

  public BackupService(
      ClusterOperations clusters, InstanceRepository instances, OperationLog audit) {
    this.clusters = clusters;
    this.instances = instances;
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
    return new OpsResponses.OperationAccepted(receipt.operationId(), clusterId);
  }

  public List<OpsResponses.Backup> backups(String clusterId) {
    requireLive(clusterId);
    return clusters.backups(clusterId).stream().map(OpsResponses.Backup::of).toList();
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

  private void requireLive(String clusterId) {
    if (instances.find(clusterId).filter(i -> !i.deleted()).isEmpty()) {
      throw ApiException.notFound("cluster " + clusterId + " does not exist");
    }
  }
}
