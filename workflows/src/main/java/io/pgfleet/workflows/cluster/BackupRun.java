package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.operation.StepRecorder.rootMessage;

import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.backup.BackupInput;
import io.pgfleet.workflows.backup.BackupResult;
import io.pgfleet.workflows.backup.BackupWorkflow;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Runs a queued backup as a {@link BackupWorkflow} child while the cluster stays writable (phase
 * BACKING_UP), records its summary, and alerts: CRITICAL when a backup fails, RESOLVED when the
 * next one succeeds (once per change, so repeated failures don't spam). A failover queued meanwhile
 * cancels the backup ({@link #cancel}): replacing a failed primary must not wait for a backup of
 * it.
 */
final class BackupRun {

  static final String ALERT_SUBJECT = "backup";

  private final Logger log = Workflow.getLogger(BackupRun.class);
  private final ClusterEntity cluster;
  private final Alerts alerts;
  private CancellationScope running;
  private String cancelReason;

  BackupRun(ClusterEntity cluster, Alerts alerts) {
    this.cluster = cluster;
    this.alerts = alerts;
  }

  void run(OperationView op) {
    String backupId = op.operationId();
    BackupSummary summary = cluster.backups.find(backupId).orElseThrow().running();
    cluster.backups.put(summary);
    BackupInput input =
        new BackupInput(
            cluster.clusterId,
            op.operationId(),
            backupId,
            cluster.topology,
            summary.mode(),
            null,
            cluster.secrets);
    BackupWorkflow child =
        Workflow.newChildWorkflowStub(
            BackupWorkflow.class, ChildOperations.options(cluster.clusterId, op.operationId()));
    BackupResult[] result = new BackupResult[1];
    cancelReason = null;
    running = Workflow.newCancellationScope(() -> result[0] = child.backup(input));
    try {
      running.run();
    } catch (ChildWorkflowFailure | CanceledFailure failure) {
      failed(op, summary, ChildOperations.failed(failure, op), reasonOf(failure));
      return;
    } finally {
      running = null;
      returnToReady();
    }
    long now = Workflow.currentTimeMillis();
    cluster.backups.put(summary.completed(result[0].backup(), now));
    cluster.operations.put(ChildOperations.finished(result[0].operation(), op));
    log.info("cluster {}: backup {} completed", cluster.clusterId, backupId);
    alerts.condition(
        ALERT_SUBJECT,
        AlertSeverity.RESOLVED,
        op.operationId(),
        "backups of cluster " + cluster.clusterId + " succeed again",
        "backup " + backupId + " completed");
  }

  /** Cancels the running backup, if any (its workflow rolls back what it started). */
  void cancel(String reason) {
    if (running != null) {
      cancelReason = reason;
      running.cancel(reason);
    }
  }

  private void failed(
      OperationView op, BackupSummary summary, OperationView failedView, String reason) {
    cluster.backups.put(summary.failed(reason, Workflow.currentTimeMillis()));
    cluster.operations.put(failedView);
    log.warn("cluster {}: backup {} failed: {}", cluster.clusterId, summary.backupId(), reason);
    if (cancelReason != null) {
      return; // Not a backup problem: the failover that cancelled it alerts for itself.
    }
    alerts.condition(
        ALERT_SUBJECT,
        AlertSeverity.CRITICAL,
        op.operationId(),
        "backup " + summary.backupId() + " of cluster " + cluster.clusterId + " failed",
        reason);
  }

  private String reasonOf(RuntimeException failure) {
    if (cancelReason != null) {
      return "cancelled: " + cancelReason;
    }
    return rootMessage(failure);
  }

  /** A failover queued meanwhile has already moved the phase on; leave it there. */
  private void returnToReady() {
    if (cluster.phase == ClusterPhase.BACKING_UP) {
      cluster.phase = ClusterPhase.READY;
    }
  }
}
