package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.operation.StepRecorder.rootMessage;

import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.rollingupdate.RollingUpdateInput;
import io.pgfleet.workflows.rollingupdate.RollingUpdateResult;
import io.pgfleet.workflows.rollingupdate.RollingUpdateWorkflow;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Runs a queued rolling update (or plan change) as a {@link RollingUpdateWorkflow} child (phase
 * UPDATING) and applies its outcome: UPDATED takes the child's topology (roles swapped by its
 * switchover) and the new plan; FAILED keeps the cluster serving (the child never touched the
 * primary before its switchover) and tells operators once (WARNING "update"); NEEDS_OPERATOR, or a
 * child that failed, leaves it to an operator (CRITICAL "failover" condition, like a switchover
 * that stopped short).
 */
final class RollingUpdateRun {

  static final String ALERT_SUBJECT = "update";

  private final Logger log = Workflow.getLogger(RollingUpdateRun.class);
  private final ClusterEntity cluster;
  private final Alerts alerts;

  /** Requests waiting in the queue; never carried over: the run continues as new only when idle. */
  private final Map<String, RollingUpdateRequest> requests = new HashMap<>();

  RollingUpdateRun(ClusterEntity cluster, Alerts alerts) {
    this.cluster = cluster;
    this.alerts = alerts;
  }

  void accepted(RollingUpdateRequest request) {
    requests.put(request.operationId(), request);
    log.info(
        "cluster {}: update {} requested by {}: {}",
        cluster.clusterId,
        request.operationId(),
        request.requestedBy(),
        request.description());
  }

  void run(OperationView running) {
    RollingUpdateRequest request = requests.remove(running.operationId());
    Plan current = PlanCatalog.plan(cluster.planId).orElseThrow();
    Plan target = UpdateAdmission.targetPlan(cluster, request);
    Map<String, String> overrides = new TreeMap<>(cluster.postgresOverrides);
    if (request.postgresParameters() != null) {
      overrides.putAll(request.postgresParameters());
    }
    RollingUpdateInput input =
        new RollingUpdateInput(
            cluster.clusterId,
            running.operationId(),
            cluster.topology.deployment(),
            cluster.topology,
            cluster.secrets,
            current.diskMb(),
            target,
            overrides,
            request.recreate());
    RollingUpdateWorkflow child =
        Workflow.newChildWorkflowStub(
            RollingUpdateWorkflow.class,
            ChildOperations.options(cluster.clusterId, running.operationId()));
    RollingUpdateResult result;
    try {
      result = child.update(input);
    } catch (ChildWorkflowFailure failure) {
      needsOperator(
          ChildOperations.failed(failure, running),
          "the rolling update workflow failed: " + rootMessage(failure));
      return;
    }
    cluster.lastFailoverEndedAtMillis = Workflow.currentTimeMillis();
    if (result.topology() != null) {
      cluster.topology = result.topology();
    }
    switch (result.outcome()) {
      case UPDATED -> {
        cluster.planId = target.id();
        cluster.postgresOverrides = overrides;
        cluster.phase = ClusterPhase.READY;
        cluster.operations.put(ChildOperations.finished(result.operation(), running));
        log.info("cluster {}: updated {}", cluster.clusterId, result.updated());
      }
      case FAILED -> failed(running, result);
      case NEEDS_OPERATOR -> needsOperator(recordOf(running, result), result.reason());
    }
  }

  private void failed(OperationView running, RollingUpdateResult result) {
    cluster.phase = ClusterPhase.READY;
    cluster.operations.put(recordOf(running, result));
    log.warn("cluster {}: update failed: {}", cluster.clusterId, result.reason());
    alerts.event(
        ALERT_SUBJECT,
        AlertSeverity.WARNING,
        running.operationId(),
        "cluster %s: update %s stopped, %s still takes writes"
            .formatted(cluster.clusterId, running.operationId(), cluster.topology.primary().name()),
        result.reason());
  }

  private void needsOperator(OperationView failed, String reason) {
    cluster.lastFailoverEndedAtMillis = Workflow.currentTimeMillis();
    cluster.phase = ClusterPhase.NEEDS_OPERATOR;
    cluster.operations.put(failed);
    log.warn("cluster {} needs an operator: {}", cluster.clusterId, reason);
    alerts.condition(
        Alerts.FAILOVER,
        AlertSeverity.CRITICAL,
        failed.operationId(),
        "cluster %s needs an operator: update %s stopped short"
            .formatted(cluster.clusterId, failed.operationId()),
        reason);
  }

  private static OperationView recordOf(OperationView running, RollingUpdateResult result) {
    OperationView fromChild = result.operation();
    if (fromChild != null
        && running.operationId().equals(fromChild.operationId())
        && fromChild.state() == OperationState.FAILED) {
      return fromChild;
    }
    return OperationViews.failed(running, result.reason(), Workflow.currentTimeMillis());
  }
}
