package io.pgfleet.workers.controlplane.fleet;

import io.pgfleet.workers.controlplane.FakeClusterWorkflow;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ClusterPhase;
import io.pgfleet.workflows.cluster.ClusterView;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.NodeView;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.RollingUpdateRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small-plan cluster (maintenance window {@code sat-01:00/2h}) that takes rolling updates,
 * steered by its workflow id like {@link FakeClusterWorkflow}: {@code cluster/busy-*} refuses them
 * as busy, {@code cluster/old-*} as a plan it cannot move to, {@code cluster/broken-*} fails them;
 * the others succeed at once.
 */
public class UpdatableFakeCluster extends FakeClusterWorkflow {

  private final Map<String, OperationView> updates = new LinkedHashMap<>();

  private static String id() {
    return Workflow.getInfo().getWorkflowId().substring("cluster/".length());
  }

  @Override
  public void validateRollingUpdate(RollingUpdateRequest request) {
    if (id().startsWith("busy-")) {
      throw new IllegalStateException("concurrency: cluster " + id() + " is backing up");
    }
    if (id().startsWith("old-")) {
      throw new IllegalStateException("conflict: cluster " + id() + " cannot change plan");
    }
  }

  @Override
  public OperationReceipt rollingUpdate(RollingUpdateRequest request) {
    boolean broken = id().startsWith("broken-");
    updates.put(
        request.operationId(),
        new OperationView(
            request.operationId(),
            id(),
            OperationType.ROLLING_UPDATE,
            broken ? OperationState.FAILED : OperationState.SUCCEEDED,
            request.description(),
            0L,
            0L,
            List.of(),
            broken ? "standby did not start" : null));
    return new OperationReceipt(request.operationId(), false);
  }

  @Override
  public String maintenanceWindow() {
    return "sat-01:00/2h";
  }

  @Override
  public ClusterView view() {
    return new ClusterView(
        id(),
        PlanCatalog.SERVICE_ID,
        PlanCatalog.SMALL.id(),
        ClusterPhase.READY,
        List.of(new NodeView("postgres/0", NodeRole.PRIMARY, "10.0.0.1", 5432, "running")),
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        null);
  }

  @Override
  public OperationView operation(String operationId) {
    return updates.get(operationId);
  }
}
