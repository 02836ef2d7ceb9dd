package io.pgfleet.workers.node;

import io.pgfleet.workflows.cluster.ArchiveHealth;
import io.pgfleet.workflows.cluster.DataPlaneReport;
import java.util.ArrayList;
import java.util.List;

/** Records what was signalled; fails or answers "no such workflow" while told to. */
final class FakeFailureSignals implements FailureSignals {

  final List<String> workflowIds = new ArrayList<>();
  final List<DataPlaneReport> delivered = new ArrayList<>();
  int attempts;
  int failuresLeft;
  boolean noSuchWorkflow;

  @Override
  public synchronized Outcome send(String workflowId, DataPlaneReport report) {
    attempts++;
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new IllegalStateException("frontend unavailable");
    }
    if (noSuchWorkflow) {
      return Outcome.NO_SUCH_WORKFLOW;
    }
    workflowIds.add(workflowId);
    delivered.add(report);
    return Outcome.DELIVERED;
  }

  final List<ArchiveHealth> archiveReports = new ArrayList<>();

  @Override
  public synchronized Outcome send(String workflowId, ArchiveHealth health) {
    attempts++;
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new IllegalStateException("frontend unavailable");
    }
    workflowIds.add(workflowId);
    archiveReports.add(health);
    return Outcome.DELIVERED;
  }

  synchronized List<DataPlaneReport> delivered() {
    return List.copyOf(delivered);
  }
}
