package io.pgfleet.workers.controlplane.fleet;

import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ClusterPhase;
import io.pgfleet.workflows.cluster.ClusterView;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.RollingUpdateRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.rollout.ClusterOperationStatus;
import io.pgfleet.workflows.rollout.ClusterUpdateRequest;
import io.pgfleet.workflows.rollout.ClusterUpdateStart;
import io.pgfleet.workflows.rollout.FleetActivities;
import io.pgfleet.workflows.rollout.FleetMember;
import io.pgfleet.workflows.rollout.FleetSelector;
import io.pgfleet.workflows.rollout.MaintenanceWindows;
import io.temporal.activity.Activity;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet through the workflow service: clusters are the running {@code cluster/<id>} workflows,
 * read with their queries and asked to update with their {@code rollingUpdate} Update.
 */
public final class TemporalFleetActivities implements FleetActivities {

  private static final Logger LOG = LoggerFactory.getLogger(TemporalFleetActivities.class);
  static final String RUNNING_CLUSTERS =
      "WorkflowType = 'ClusterWorkflow' AND ExecutionStatus = 'Running'";
  private static final String CLUSTER_PREFIX = "cluster/";
  private static final String UPDATE_NAME = "rollingUpdate";
  private static final String WINDOW_QUERY = "maintenanceWindow";
  private static final String BUSY = "concurrency:";

  /** Phases whose cluster has nothing a rollout could update (or is going away). */
  private static final Set<ClusterPhase> NOT_UPDATABLE =
      Set.of(ClusterPhase.NEW, ClusterPhase.DEPROVISIONING, ClusterPhase.DELETED);

  private final WorkflowClient client;

  public TemporalFleetActivities(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public List<FleetMember> members(FleetSelector selector) {
    List<String> ids =
        selector.scope() == FleetSelector.Scope.LIST ? selector.clusterIds() : runningClusterIds();
    List<FleetMember> members = new ArrayList<>();
    for (String id : ids) {
      heartbeat(members.size());
      view(id)
          .filter(view -> !NOT_UPDATABLE.contains(view.phase()))
          .filter(
              view ->
                  selector.scope() != FleetSelector.Scope.PLAN
                      || selector.planId().equals(view.planId()))
          .ifPresentOrElse(
              view -> members.add(new FleetMember(id, view.planId(), window(id, view.planId()))),
              () -> LOG.info("rollout skips cluster {}: gone, not provisioned or not chosen", id));
    }
    return members;
  }

  @Override
  public ClusterUpdateStart startUpdate(ClusterUpdateRequest request) {
    WorkflowStub cluster = client.newUntypedWorkflowStub(CLUSTER_PREFIX + request.clusterId());
    RollingUpdateRequest update =
        new RollingUpdateRequest(
            request.operationId(),
            "rollout/" + request.rolloutId(),
            request.change().description(),
            request.change().postgresParameters(),
            request.change().recreate(),
            null);
    try {
      cluster.startUpdate(
          UpdateOptions.newBuilder(OperationReceipt.class)
              .setUpdateName(UPDATE_NAME)
              .setUpdateId(request.operationId())
              .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
              .build(),
          update);
      return ClusterUpdateStart.accept();
    } catch (WorkflowUpdateException e) {
      String reason = rejection(e);
      return reason.startsWith(BUSY)
          ? ClusterUpdateStart.busy(reason)
          : ClusterUpdateStart.refuse(reason);
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return ClusterUpdateStart.refuse("cluster " + request.clusterId() + " does not exist");
    }
  }

  @Override
  public ClusterOperationStatus operation(String clusterId, String operationId) {
    OperationView view =
        client
            .newWorkflowStub(ClusterWorkflow.class, CLUSTER_PREFIX + clusterId)
            .operation(operationId);
    if (view == null) {
      return new ClusterOperationStatus(
          OperationState.FAILED, "cluster " + clusterId + " has no operation " + operationId);
    }
    return new ClusterOperationStatus(view.state(), view.error());
  }

  @Override
  public boolean healthy(String clusterId) {
    return view(clusterId)
        .filter(view -> view.phase() == ClusterPhase.READY)
        .map(view -> view.nodes().stream().allMatch(node -> "running".equals(node.state())))
        .orElse(false);
  }

  private List<String> runningClusterIds() {
    return client
        .listExecutions(RUNNING_CLUSTERS)
        .map(execution -> execution.getExecution().getWorkflowId())
        .filter(id -> id.startsWith(CLUSTER_PREFIX) && id.indexOf('/', CLUSTER_PREFIX.length()) < 0)
        .map(id -> id.substring(CLUSTER_PREFIX.length()))
        .sorted()
        .toList();
  }

  private Optional<ClusterView> view(String clusterId) {
    try {
      return Optional.ofNullable(
          client.newWorkflowStub(ClusterWorkflow.class, CLUSTER_PREFIX + clusterId).view());
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  private io.pgfleet.workflows.rollout.MaintenanceWindow window(String clusterId, String planId) {
    String parameter = null;
    try {
      parameter =
          client
              .newUntypedWorkflowStub(CLUSTER_PREFIX + clusterId)
              .query(WINDOW_QUERY, String.class);
    } catch (RuntimeException e) {
      LOG.debug("cluster {} reports no maintenance window: {}", clusterId, e.getMessage());
    }
    String planName = PlanCatalog.plan(planId).map(Plan::name).orElse(null);
    return MaintenanceWindows.of(parameter, planName);
  }

  private static String rejection(WorkflowUpdateException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure failure) {
        return failure.getOriginalMessage();
      }
    }
    return String.valueOf(e.getMessage());
  }

  private static void heartbeat(int progress) {
    try {
      Activity.getExecutionContext().heartbeat(progress);
    } catch (IllegalStateException e) {
      // called outside an activity (tests): nothing to report to
    }
  }
}
