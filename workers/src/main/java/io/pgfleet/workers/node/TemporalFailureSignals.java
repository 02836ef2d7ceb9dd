package io.pgfleet.workers.node;

import io.pgfleet.workflows.cluster.ArchiveHealth;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.DataPlaneReport;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;

/**
 * Signals {@link ClusterWorkflow#REPORT_FAILURE_SIGNAL} and {@link
 * ClusterWorkflow#ARCHIVE_HEALTH_SIGNAL} untyped: the agent holds no stub of the cluster workflow,
 * only its id.
 */
final class TemporalFailureSignals implements FailureSignals {

  private final WorkflowClient client;

  TemporalFailureSignals(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public Outcome send(String workflowId, DataPlaneReport report) {
    return signal(workflowId, ClusterWorkflow.REPORT_FAILURE_SIGNAL, report);
  }

  @Override
  public Outcome send(String workflowId, ArchiveHealth health) {
    return signal(workflowId, ClusterWorkflow.ARCHIVE_HEALTH_SIGNAL, health);
  }

  private Outcome signal(String workflowId, String signal, Object payload) {
    try {
      client
          .newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
          .signal(signal, payload);
      return Outcome.DELIVERED;
    } catch (WorkflowNotFoundException e) {
      return Outcome.NO_SUCH_WORKFLOW;
    }
  }
}
