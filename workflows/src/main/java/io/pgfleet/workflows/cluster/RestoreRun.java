package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.operation.StepRecorder.rootMessage;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.restore.RestoreInput;
import io.pgfleet.workflows.restore.RestoreMode;
import io.pgfleet.workflows.restore.RestoreResult;
import io.pgfleet.workflows.restore.RestoreWorkflow;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Runs a {@link RestoreWorkflow} child: in place for a queued restore (phase RESTORING), or into a
 * just-provisioned cluster from another cluster's backup. In place, the cluster is READY again
 * either way (the topology is unchanged; a failed restore put the old data back), and operators
 * hear of failures through the "restore" condition alert: CRITICAL once, RESOLVED by the next
 * restore that succeeds. A request the child refused up front (INVALID_INPUT: unknown backup,
 * target outside the archive) changed nothing and only fails its operation.
 */
final class RestoreRun {

  static final String ALERT_SUBJECT = "restore";

  private final Logger log = Workflow.getLogger(RestoreRun.class);
  private final ClusterEntity cluster;
  private final Alerts alerts;

  /** Accepted in-place restores waiting for the main loop (never carried: the queue isn't). */
  private final Map<String, RestoreRequest> requests = new HashMap<>();

  RestoreRun(ClusterEntity cluster, Alerts alerts) {
    this.cluster = cluster;
    this.alerts = alerts;
  }

  void accepted(RestoreRequest request) {
    requests.put(request.operationId(), request);
    log.info(
        "cluster {}: restore {} requested by {}: backup {}, target {}",
        cluster.clusterId,
        request.operationId(),
        request.requestedBy(),
        request.backupId() == null ? "(newest fitting)" : request.backupId(),
        RestoreTargets.orLatest(request.target()).describe());
  }

  void inPlace(OperationView running, ClusterPhase phaseBefore) {
    RestoreRequest request = requests.remove(running.operationId());
    RestoreInput input =
        new RestoreInput(
            cluster.clusterId,
            running.operationId(),
            cluster.topology,
            cluster.clusterId,
            request.backupId(),
            RestoreTargets.orLatest(request.target()),
            RestoreMode.IN_PLACE,
            cluster.secrets,
            cluster.postgresParameters());
    RestoreResult result;
    try {
      result = child(running.operationId()).restore(input);
    } catch (ChildWorkflowFailure failure) {
      cluster.lastFailoverEndedAtMillis = Workflow.currentTimeMillis();
      inPlaceFailed(running, phaseBefore, failure);
      return;
    }
    cluster.lastFailoverEndedAtMillis = Workflow.currentTimeMillis();
    cluster.phase = ClusterPhase.READY;
    cluster.operations.put(ChildOperations.finished(result.operation(), running));
    String restored = describe(result);
    log.warn("cluster {}: {}", cluster.clusterId, restored);
    alerts.condition(
        ALERT_SUBJECT,
        AlertSeverity.RESOLVED,
        running.operationId(),
        "restores of cluster " + cluster.clusterId + " succeed again",
        restored);
    if (phaseBefore == ClusterPhase.NEEDS_OPERATOR) {
      alerts.condition(
          Alerts.FAILOVER,
          AlertSeverity.RESOLVED,
          running.operationId(),
          "cluster %s: needs no operator any more, restored with %s as primary"
              .formatted(cluster.clusterId, cluster.topology.primary().name()),
          restored);
    }
  }

  /**
   * Fills a just-provisioned cluster with its {@link ClusterEntity#restoredFrom} backup, as the
   * rest of the provision operation {@code provisioned}. Empty when the restore failed: the cluster
   * is then FAILED with the reason, and only deprovision helps.
   */
  Optional<OperationView> intoNewCluster(OperationView provisioned) {
    RestoreSource source = cluster.restoredFrom;
    String operationId = provisioned.operationId();
    RestoreInput input =
        new RestoreInput(
            cluster.clusterId,
            operationId,
            cluster.topology,
            source.sourceClusterId(),
            source.backupId(),
            RestoreTargets.orLatest(source.target()),
            RestoreMode.NEW_CLUSTER,
            cluster.secrets,
            cluster.postgresParameters());
    try {
      RestoreResult result = child(operationId).restore(input);
      String done = "provision succeeded: " + describe(result);
      log.info("cluster {}: {}", cluster.clusterId, done);
      List<StepView> steps = result.operation() == null ? List.of() : result.operation().steps();
      return Optional.of(
          OperationViews.followedBy(
              provisioned,
              steps,
              OperationState.SUCCEEDED,
              done,
              null,
              Workflow.currentTimeMillis()));
    } catch (ChildWorkflowFailure failure) {
      String reason =
          "restoring backup %s of cluster %s failed: %s"
              .formatted(
                  source.backupId() == null ? "(newest fitting)" : source.backupId(),
                  source.sourceClusterId(),
                  rootMessage(failure));
      List<StepView> steps =
          ChildOperations.failedView(failure, operationId)
              .map(OperationView::steps)
              .orElse(List.of());
      cluster.phase = ClusterPhase.FAILED;
      cluster.operations.put(
          OperationViews.followedBy(
              provisioned,
              steps,
              OperationState.FAILED,
              "provision failed: " + reason,
              reason,
              Workflow.currentTimeMillis()));
      log.warn("cluster {} failed to provision: {}", cluster.clusterId, reason);
      return Optional.empty();
    }
  }

  private void inPlaceFailed(
      OperationView running, ClusterPhase phaseBefore, ChildWorkflowFailure failure) {
    String reason = rootMessage(failure);
    cluster.phase = phaseBefore;
    cluster.operations.put(ChildOperations.failed(failure, running));
    if (FailureType.INVALID_INPUT.name().equals(ChildOperations.failureType(failure))) {
      log.info("cluster {}: restore refused, nothing changed: {}", cluster.clusterId, reason);
      return;
    }
    log.warn("cluster {}: restore {} failed: {}", cluster.clusterId, running.operationId(), reason);
    alerts.condition(
        ALERT_SUBJECT,
        AlertSeverity.CRITICAL,
        running.operationId(),
        "cluster %s: restore %s failed, the data before it was put back"
            .formatted(cluster.clusterId, running.operationId()),
        reason);
  }

  private RestoreWorkflow child(String operationId) {
    return Workflow.newChildWorkflowStub(
        RestoreWorkflow.class, ChildOperations.options(cluster.clusterId, operationId));
  }

  /** E.g. "restored backup bk-7 of cluster c-1 to time 2026-…Z (timeline 3, stopped at 0/5…)". */
  private static String describe(RestoreResult result) {
    String backup =
        result.backup() == null
            ? "a backup"
            : "backup %s of cluster %s"
                .formatted(result.backup().backupId(), result.backup().clusterId());
    RecoveryOutcome recovery = result.recovery();
    if (recovery == null) {
      return "restored " + backup;
    }
    return "restored %s (timeline %d, recovery stopped at %s)"
        .formatted(backup, recovery.timeline(), recovery.endLsn());
  }
}
