package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.backup.BackupVerification;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Verifications reported by the verification workflow: kept with the backup's summary (the newest
 * one per backup), and a condition alert: CRITICAL when one fails, RESOLVED when a later one
 * passes, each once per change. A verification of a backup the cluster no longer lists (or never
 * did) is only logged; the catalog keeps every verification anyway.
 */
final class BackupVerifications {

  static final String ALERT_SUBJECT = "backup-verification";

  private final Logger log = Workflow.getLogger(BackupVerifications.class);
  private final ClusterEntity cluster;
  private final Alerts alerts;

  /** Two reports arriving together must not both see "nothing sent yet" and alert twice. */
  private final WorkflowLock alerting = Workflow.newWorkflowLock();

  BackupVerifications(ClusterEntity cluster, Alerts alerts) {
    this.cluster = cluster;
    this.alerts = alerts;
  }

  void record(BackupVerification v) {
    String ignored = ignoredBecause(v);
    if (ignored != null) {
      log.info("cluster {}: verification ignored: {}", cluster.clusterId, ignored);
      return;
    }
    BackupSummary backup = cluster.backups.find(v.backupId()).orElseThrow();
    cluster.backups.put(backup.verified(v));
    log.info(
        "cluster {}: backup {} verification {}: {}",
        cluster.clusterId,
        v.backupId(),
        v.passed() ? "passed" : "FAILED",
        v.detail());
    alerting.lock();
    try {
      alerts.condition(
          ALERT_SUBJECT,
          v.passed() ? AlertSeverity.RESOLVED : AlertSeverity.CRITICAL,
          v.operationId() == null ? v.backupId() : v.operationId(),
          v.passed()
              ? "cluster %s: backup %s verified, verifications pass again"
                  .formatted(cluster.clusterId, v.backupId())
              : "cluster %s: backup %s failed its verification, it may not be restorable"
                  .formatted(cluster.clusterId, v.backupId()),
          v.detail());
    } finally {
      alerting.unlock();
    }
  }

  /** Null when the verification belongs here and is the newest of its backup. */
  private String ignoredBecause(BackupVerification v) {
    if (v == null || v.backupId() == null) {
      return "it names no backup: " + v;
    }
    if (v.clusterId() != null && !v.clusterId().equals(cluster.clusterId)) {
      return "backup " + v.backupId() + " belongs to cluster " + v.clusterId();
    }
    Optional<BackupSummary> backup = cluster.backups.find(v.backupId());
    if (backup.isEmpty()) {
      return "cluster " + cluster.clusterId + " lists no backup " + v.backupId();
    }
    BackupVerification last = backup.get().verification();
    if (last != null && last.verifiedAtMillis() > v.verifiedAtMillis()) {
      return "backup "
          + v.backupId()
          + " has a newer verification (at "
          + last.verifiedAtMillis()
          + ") than this one (at "
          + v.verifiedAtMillis()
          + ")";
    }
    return null;
  }
}
