package io.pgfleet.gateway.ops;

import static io.pgfleet.gateway.inventory.AuditEvent.ACCEPTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REJECTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REQUESTED;
import static io.pgfleet.workflows.operation.OperationType.VERIFY_BACKUP;

import io.pgfleet.gateway.clusters.BackupWorkflows;
import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.clusters.VerificationState;
import io.pgfleet.gateway.inventory.BackupRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.inventory.VerificationRow;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.cluster.BackupSummary;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.verify.VerifyBackupInput;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An operator's verification of one backup: a VerifyBackupWorkflow of its own (not an operation of
 * the cluster, which keeps serving), found by backup id through the inventory's backup index.
 */
@Service
public class VerificationService {

  private final ClusterOperations clusters;
  private final BackupWorkflows workflows;
  private final BackupRepository backupIndex;
  private final BackupService backups;
  private final OperationLog audit;
  private final TransactionTemplate transaction;

  public VerificationService(
      ClusterOperations clusters,
      BackupWorkflows workflows,
      BackupRepository backupIndex,
      BackupService backups,
      OperationLog audit,
      TransactionTemplate transaction) {
    this.clusters = clusters;
    this.workflows = workflows;
    this.backupIndex = backupIndex;
    this.backups = backups;
    this.audit = audit;
    this.transaction = transaction;
  }

  /** Unique per verification; starts with the backup id so the Web UI lists them together. */
  static String workflowId(String backupId, String operationId) {
    return "verify/" + backupId + "/" + operationId;
  }

  public BackupResponses.VerificationAccepted verify(String backupId) {
    String clusterId = clusterOf(backupId);
    backups.requireLive(clusterId);
    requireVerifiable(clusterId, backupId);
    String operationId = UUID.randomUUID().toString();
    String workflowId = workflowId(backupId, operationId);
    String detail = "backup " + backupId;
    audit.record(clusterId, null, operationId, VERIFY_BACKUP, REQUESTED, detail);
    try {
      // The row commits only once Temporal accepted the start: no verification without workflow.
      transaction.executeWithoutResult(
          status -> {
            backupIndex.recordVerification(
                new VerificationRow(operationId, clusterId, backupId, workflowId, null));
            workflows.startVerification(
                workflowId, new VerifyBackupInput(clusterId, backupId, operationId, null));
          });
    } catch (RuntimeException e) {
      audit.record(clusterId, null, operationId, VERIFY_BACKUP, REJECTED, e.getMessage());
      throw e;
    }
    audit.record(clusterId, null, operationId, VERIFY_BACKUP, ACCEPTED, detail);
    return new BackupResponses.VerificationAccepted(operationId, workflowId, backupId, clusterId);
  }

  public BackupResponses.Verification verification(String backupId, String operationId) {
    VerificationRow row =
        backupIndex
            .verification(operationId)
            .filter(v -> v.backupId().equals(backupId))
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "backup " + backupId + " has no verification " + operationId));
    return BackupResponses.Verification.of(
        row, workflows.verification(row.workflowId()).orElse(null));
  }

  /** A verification as an operation (GET /api/v1/operations/{id}); empty if it is none. */
  Optional<OpsResponses.Operation> asOperation(String operationId) {
    return backupIndex
        .verification(operationId)
        .map(row -> operation(row, workflows.verification(row.workflowId()).orElse(null)));
  }

  private static OpsResponses.Operation operation(VerificationRow row, VerificationState state) {
    if (state != null && state.operation() != null) {
      return OpsResponses.Operation.of(state.operation());
    }
    String status = state == null ? "unknown" : state.status();
    OperationState op =
        switch (status) {
          case "running" -> OperationState.IN_PROGRESS;
          case "completed" -> OperationState.SUCCEEDED;
          default -> OperationState.FAILED;
        };
    return new OpsResponses.Operation(
        row.operationId(),
        row.clusterId(),
        OpsResponses.lower(VERIFY_BACKUP),
        OpsResponses.lower(op),
        "verification of backup " + row.backupId() + ": workflow " + status,
        row.requestedAt(),
        null,
        state == null ? "Temporal no longer knows workflow " + row.workflowId() : state.error(),
        List.of());
  }

  private String clusterOf(String backupId) {
    List<String> owners = backupIndex.clustersOf(backupId);
    if (owners.isEmpty()) {
      throw new ApiException(
          HttpStatus.NOT_FOUND,
          "NotFound",
          "no backup "
              + backupId
              + " is known; a scheduled backup is known once its cluster's backups were listed");
    }
    if (owners.size() > 1) {
      throw ApiException.conflict(
          "backup id " + backupId + " names backups of clusters " + String.join(", ", owners));
    }
    return owners.get(0);
  }

  /** A backup the cluster still lists must have succeeded; older ones only the catalog knows. */
  private void requireVerifiable(String clusterId, String backupId) {
    List<BackupSummary> listed = clusters.backups(clusterId);
    if (listed.stream().anyMatch(b -> backupId.equals(b.backupId()))) {
      backups.requireSucceeded(clusterId, backupId, "verified");
    }
  }
}
