package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.operation.StepRecorder.rootMessage;

import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.failover.FailoverInput;
import io.pgfleet.workflows.failover.FailoverResult;
import io.pgfleet.workflows.failover.FailoverTrigger;
import io.pgfleet.workflows.failover.FailoverWorkflow;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Runs a queued failover as a {@link FailoverWorkflow} child and applies its outcome: FAILED_OVER
 * takes the child's topology and makes the cluster ready; NOT_CONFIRMED returns it to where it was;
 * NEEDS_OPERATOR, or a child that failed, leaves it to an operator (safety first: nothing more
 * happens automatically). Operators hear of it through {@link FailoverAlerts}.
 */
final class FailoverRun {

  /** The FailoverInput's "use the default tolerance" value. */
  private static final long DEFAULT_TOLERANCE = 0;

  private final Logger log = Workflow.getLogger(FailoverRun.class);
  private final ClusterEntity cluster;
  private final FailoverTriggers triggers;
  private final FailoverAlerts alerts;

  FailoverRun(ClusterEntity cluster, FailoverTriggers triggers, Alerts alerts) {
    this.cluster = cluster;
    this.triggers = triggers;
    this.alerts = new FailoverAlerts(cluster, alerts);
  }

  void run(OperationView running, ClusterPhase phaseBefore) {
    FailoverTrigger trigger = triggers.take(running.operationId());
    Plan plan = PlanCatalog.plan(cluster.planId).orElseThrow();
    FailoverInput input =
        new FailoverInput(
            cluster.clusterId,
            running.operationId(),
            cluster.topology,
            cluster.secrets,
            plan.maximumLagOnFailoverBytes(),
            trigger,
            DEFAULT_TOLERANCE,
            cluster.postgresParameters());
    FailoverWorkflow child =
        Workflow.newChildWorkflowStub(
            FailoverWorkflow.class,
            ChildOperations.options(cluster.clusterId, running.operationId()));
    FailoverResult result;
    try {
      result = child.failover(input);
    } catch (ChildWorkflowFailure failure) {
      cluster.lastFailoverEndedAtMillis = Workflow.currentTimeMillis();
      String reason = "the failover workflow failed: " + rootMessage(failure);
      needsOperator(ChildOperations.failed(failure, running), cluster.topology, reason);
      return;
    }
    cluster.lastFailoverEndedAtMillis = Workflow.currentTimeMillis();
    switch (result.outcome()) {
      case FAILED_OVER -> failedOver(running, trigger, result);
      case NOT_CONFIRMED -> notConfirmed(running, phaseBefore, result);
      case NEEDS_OPERATOR ->
          needsOperator(recordOf(running, result), topologyOf(result), result.reason());
    }
  }

  private void failedOver(OperationView running, FailoverTrigger trigger, FailoverResult result) {
    cluster.topology = topologyOf(result);
    cluster.phase = ClusterPhase.READY;
    cluster.operations.put(ChildOperations.finished(result.operation(), running));
    log.warn(
        "cluster {} failed over to {}: {}",
        cluster.clusterId,
        cluster.topology.primary().name(),
        result.reason());
    alerts.failedOver(running.operationId(), trigger, result);
  }

  /** Nothing changed: back to where it was (ready, or still waiting for an operator). */
  private void notConfirmed(
      OperationView running, ClusterPhase phaseBefore, FailoverResult result) {
    cluster.phase = phaseBefore;
    OperationView fromChild = result.operation();
    cluster.operations.put(
        OperationViews.concluded(
            running,
            fromChild == null ? running.steps() : fromChild.steps(),
            "failover not confirmed, nothing changed: " + result.reason(),
            Workflow.currentTimeMillis()));
    log.info("cluster {}: failover not confirmed: {}", cluster.clusterId, result.reason());
  }

  /** The topology may already be swapped (promoted, then stopped): keep what the child saw. */
  private void needsOperator(OperationView failed, Topology topology, String reason) {
    cluster.topology = topology;
    cluster.phase = ClusterPhase.NEEDS_OPERATOR;
    cluster.operations.put(failed);
    log.warn("cluster {} needs an operator: {}", cluster.clusterId, reason);
    alerts.needsOperator(failed.operationId(), reason);
  }

  /** The child's failed record with its steps, or ours with the reason. */
  private static OperationView recordOf(OperationView running, FailoverResult result) {
    OperationView fromChild = result.operation();
    if (fromChild != null
        && running.operationId().equals(fromChild.operationId())
        && fromChild.state() == OperationState.FAILED) {
      return fromChild;
    }
    return OperationViews.failed(running, result.reason(), Workflow.currentTimeMillis());
  }

  private Topology topologyOf(FailoverResult result) {
    return result.topology() == null ? cluster.topology : result.topology();
  }
}
