package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.operation.StepRecorder.rootMessage;

import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.switchover.SwitchoverInput;
import io.pgfleet.workflows.switchover.SwitchoverResult;
import io.pgfleet.workflows.switchover.SwitchoverWorkflow;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Runs a queued switchover as a {@link SwitchoverWorkflow} child (phase SWITCHING_OVER) and applies
 * its outcome: SWITCHED_OVER takes the child's topology (roles swapped) and makes the cluster
 * ready; FAILED (rolled back, the old primary takes writes again) makes it ready unchanged and
 * tells operators once (WARNING "switchover"); NEEDS_OPERATOR, or a child that failed, leaves it to
 * an operator like a failover that stopped short (CRITICAL "failover" condition, resolved by a
 * later successful failover).
 */
final class SwitchoverRun {

  static final String ALERT_SUBJECT = "switchover";

  private final Logger log = Workflow.getLogger(SwitchoverRun.class);
  private final ClusterEntity cluster;
  private final Alerts alerts;

  SwitchoverRun(ClusterEntity cluster, Alerts alerts) {
    this.cluster = cluster;
    this.alerts = alerts;
  }

  void accepted(SwitchoverRequest request) {
    log.info(
        "cluster {}: switchover {} requested by {}: {}",
        cluster.clusterId,
        request.operationId(),
        request.requestedBy(),
        request.reason());
  }

  void run(OperationView running) {
    Plan plan = PlanCatalog.plan(cluster.planId).orElseThrow();
    SwitchoverInput input =
        new SwitchoverInput(
            cluster.clusterId,
            running.operationId(),
            cluster.topology,
            cluster.secrets,
            plan.maximumLagOnFailoverBytes(),
            cluster.postgresParameters());
    SwitchoverWorkflow child =
        Workflow.newChildWorkflowStub(
            SwitchoverWorkflow.class,
            ChildOperations.options(cluster.clusterId, running.operationId()));
    SwitchoverResult result;
    try {
      result = child.switchover(input);
    } catch (ChildWorkflowFailure failure) {
      cluster.lastFailoverEndedAtMillis = Workflow.currentTimeMillis();
      needsOperator(
          ChildOperations.failed(failure, running),
          cluster.topology,
          "the switchover workflow failed: " + rootMessage(failure));
      return;
    }
    cluster.lastFailoverEndedAtMillis = Workflow.currentTimeMillis();
    Topology after = result.topology() == null ? cluster.topology : result.topology();
    switch (result.outcome()) {
      case SWITCHED_OVER -> {
        cluster.topology = after;
        cluster.phase = ClusterPhase.READY;
        cluster.operations.put(ChildOperations.finished(result.operation(), running));
        log.info("cluster {}: {}", cluster.clusterId, result.reason());
      }
      case FAILED -> rolledBack(running, result);
      case NEEDS_OPERATOR -> needsOperator(recordOf(running, result), after, result.reason());
    }
  }

  private void rolledBack(OperationView running, SwitchoverResult result) {
    cluster.phase = ClusterPhase.READY;
    cluster.operations.put(recordOf(running, result));
    log.warn("cluster {}: switchover rolled back: {}", cluster.clusterId, result.reason());
    alerts.event(
        ALERT_SUBJECT,
        AlertSeverity.WARNING,
        running.operationId(),
        "cluster %s: switchover %s failed and was rolled back, %s is still primary"
            .formatted(cluster.clusterId, running.operationId(), cluster.topology.primary().name()),
        result.reason());
  }

  /** Which node holds what is in doubt: keep what the child saw and wait for an operator. */
  private void needsOperator(OperationView failed, Topology topology, String reason) {
    cluster.topology = topology;
    cluster.phase = ClusterPhase.NEEDS_OPERATOR;
    cluster.operations.put(failed);
    log.warn("cluster {} needs an operator: {}", cluster.clusterId, reason);
    alerts.condition(
        Alerts.FAILOVER,
        AlertSeverity.CRITICAL,
        failed.operationId(),
        "cluster %s needs an operator: switchover %s stopped short"
            .formatted(cluster.clusterId, failed.operationId()),
        reason);
  }

  /** The child's failed record with its steps, or ours with the reason. */
  private static OperationView recordOf(OperationView running, SwitchoverResult result) {
    OperationView fromChild = result.operation();
    if (fromChild != null
        && running.operationId().equals(fromChild.operationId())
        && fromChild.state() == OperationState.FAILED) {
      return fromChild;
    }
    return OperationViews.failed(running, result.reason(), Workflow.currentTimeMillis());
  }
}
