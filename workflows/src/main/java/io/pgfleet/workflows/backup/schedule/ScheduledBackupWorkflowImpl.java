package io.pgfleet.workflows.backup.schedule;

import static io.pgfleet.workflows.operation.StepRecorder.rootMessage;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.PruneWalRequest;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

public class ScheduledBackupWorkflowImpl implements ScheduledBackupWorkflow {

  /** Readable and a safe backup id: {@code scheduled-20261122T080000Z}. */
  private static final DateTimeFormatter OPERATION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Logger log = Workflow.getLogger(ScheduledBackupWorkflowImpl.class);

  private final ClusterRequestActivities clusters =
      Workflow.newActivityStub(ClusterRequestActivities.class, SchedulePolicies.REQUEST_BACKUP);
  private final BackupCatalogActivities catalog =
      Workflow.newActivityStub(BackupCatalogActivities.class, SchedulePolicies.QUICK);
  private final BackupCatalogActivities pruning =
      Workflow.newActivityStub(BackupCatalogActivities.class, SchedulePolicies.PRUNE_WAL);
  private final IaasActivities iaas =
      Workflow.newActivityStub(IaasActivities.class, SchedulePolicies.QUICK);

  /**
   * Version 1: retention expires copy-mode sets in the repository (not only their entries) and
   * tells the cluster which backups it removed.
   */
  static final String RETENTION_EVERYWHERE = "retention-expires-sets-and-tells-cluster";

  private PostgresHostActivities primary;

  @Override
  public ScheduledBackupResult run(ScheduledBackupInput input) {
    String clusterId = input.clusterId();
    RequestedBackup backup = requestBackup(clusterId);
    log.info(
        "cluster {}: scheduled backup {} {}{}",
        clusterId,
        backup.backupId(),
        backup.outcome(),
        backup.detail() == null ? "" : ": " + backup.detail());

    RetentionPlan plan = RetentionPlan.choose(catalog.list(clusterId), input.retainBackups());
    List<String> deleted = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Set<String> notRemoved = new HashSet<>();
    for (BackupRecord doomed : plan.doomed()) {
      try {
        remove(doomed);
        deleted.add(doomed.backupId());
      } catch (ActivityFailure | ApplicationFailure failure) {
        notRemoved.add(doomed.backupId());
        failures.add(doomed.backupId() + ": " + rootMessage(failure));
        log.warn(
            "cluster {}: retention could not remove backup {}: {}",
            clusterId,
            doomed.backupId(),
            rootMessage(failure));
      }
    }
    if (!deleted.isEmpty() && retentionVersion() == 1) {
      clusters.forgetBackups(clusterId, deleted);
    }
    String pruneBefore = plan.pruneBefore(notRemoved);
    int pruned =
        pruneBefore == null ? 0 : pruning.pruneWal(new PruneWalRequest(clusterId, pruneBefore));
    return new ScheduledBackupResult(clusterId, backup, deleted, failures, pruned);
  }

  /**
   * A failure to reach the cluster is this run's outcome, not the end of it: retention keeps the
   * newest completed backups whatever happened, so it still runs.
   */
  private RequestedBackup requestBackup(String clusterId) {
    String operationId =
        "scheduled-" + OPERATION_TIME.format(Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    try {
      return clusters.requestBackup(clusterId, operationId);
    } catch (ActivityFailure failure) {
      return new RequestedBackup(
          clusterId, operationId, RequestedBackupOutcome.FAILED, rootMessage(failure));
    }
  }

  /** Snapshots or the pgBackRest set first: an entry goes once nothing it names is left. */
  private void remove(BackupRecord doomed) {
    if (doomed.snapshot() != null && doomed.snapshot().snapshotIds() != null) {
      for (String snapshotId : doomed.snapshot().snapshotIds()) {
        iaas.deleteSnapshot(snapshotId);
      }
    }
    if (doomed.copy() != null && retentionVersion() == 1) {
      primary(doomed.clusterId()).expireBackupSet(doomed.copy().label());
    }
    catalog.delete(doomed.ref());
  }

  private static int retentionVersion() {
    return Workflow.getVersion(RETENTION_EVERYWHERE, Workflow.DEFAULT_VERSION, 1);
  }

  /** Asked once per run, only when a copy-mode set is due: the stanza is worked on there. */
  private PostgresHostActivities primary(String clusterId) {
    if (primary == null) {
      String queue =
          clusters
              .primaryTaskQueue(clusterId)
              .orElseThrow(
                  () ->
                      ApplicationFailure.newNonRetryableFailure(
                          "cluster " + clusterId + " has no primary to expire pgBackRest sets on",
                          FailureType.HOST_STATE_CONFLICT.name()));
      primary =
          Workflow.newActivityStub(PostgresHostActivities.class, SchedulePolicies.expireSet(queue));
    }
    return primary;
  }
}
