package io.pgfleet.gateway.clusters;

import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.BackupRequest;
import io.pgfleet.workflows.cluster.BackupSummary;
import io.pgfleet.workflows.cluster.BindRequest;
import io.pgfleet.workflows.cluster.BindingCredentials;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.cluster.ClusterView;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.ClusterWorkflowInput;
import io.pgfleet.workflows.cluster.DeprovisionRequest;
import io.pgfleet.workflows.cluster.FailoverRequest;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.ProvisionRequest;
import io.pgfleet.workflows.cluster.RestoreRequest;
import io.pgfleet.workflows.cluster.RollingUpdateRequest;
import io.pgfleet.workflows.cluster.SwitchoverRequest;
import io.pgfleet.workflows.cluster.UnbindRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Functions;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link ClusterOperations} over the Temporal client: Updates and Queries on ClusterWorkflow. */
public final class TemporalClusterOperations implements ClusterOperations {

  /** Search attributes of temporal-config/search-attributes.txt the gateway sets at start. */
  static final SearchAttributeKey<String> CLUSTER_ID = SearchAttributeKey.forKeyword("PgClusterId");

  static final SearchAttributeKey<String> PLAN = SearchAttributeKey.forKeyword("PgPlan");

  /** The query every operation workflow answers (OperationWorkflow.progress). */
  static final String PROGRESS_QUERY = "progress";

  private final WorkflowClient client;

  public TemporalClusterOperations(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public OperationReceipt provision(String clusterId, ProvisionRequest request) {
    ClusterWorkflow cluster =
        client.newWorkflowStub(ClusterWorkflow.class, startOptions(clusterId, request.planId()));
    return call(
        clusterId,
        "provision",
        () ->
            WorkflowClient.executeUpdateWithStart(
                cluster::provision,
                request,
                UpdateOptions.newBuilder(OperationReceipt.class)
                    .setUpdateId(request.operationId())
                    .build(),
                new WithStartWorkflowOperation<>(
                    cluster::run, ClusterWorkflowInput.fresh(clusterId))));
  }

  @Override
  public OperationReceipt deprovision(String clusterId, DeprovisionRequest request) {
    return update(clusterId, "deprovision", c -> c::deprovision, request, request.operationId());
  }

  @Override
  public OperationReceipt failover(String clusterId, FailoverRequest request) {
    return update(clusterId, "failover", c -> c::failover, request, request.operationId());
  }

  @Override
  public OperationReceipt backup(String clusterId, BackupRequest request) {
    return update(clusterId, "backup", c -> c::backup, request, request.operationId());
  }

  @Override
  public OperationReceipt restore(String clusterId, RestoreRequest request) {
    return update(clusterId, "restore", c -> c::restore, request, request.operationId());
  }

  @Override
  public OperationReceipt switchover(String clusterId, SwitchoverRequest request) {
    return update(clusterId, "switchover", c -> c::switchover, request, request.operationId());
  }

  @Override
  public OperationReceipt rollingUpdate(String clusterId, RollingUpdateRequest request) {
    return update(
        clusterId, "rolling update", c -> c::rollingUpdate, request, request.operationId());
  }

  @Override
  public List<BackupSummary> backups(String clusterId) {
    List<BackupSummary> backups =
        call(clusterId, "backups query", () -> existing(clusterId).backups());
    return backups == null ? List.of() : backups;
  }

  @Override
  public BindingCredentials bind(String clusterId, String operationId, BindRequest request) {
    ClusterWorkflow cluster = existing(clusterId);
    return call(
        clusterId,
        "bind",
        () ->
            WorkflowClient.startUpdate(
                    cluster::bind, request, completed(BindingCredentials.class, operationId))
                .getResult());
  }

  @Override
  public void unbind(String clusterId, String operationId, UnbindRequest request) {
    ClusterWorkflow cluster = existing(clusterId);
    call(
        clusterId,
        "unbind",
        () ->
            WorkflowClient.startUpdate(cluster::unbind, request, completed(Void.class, operationId))
                .getResult());
  }

  @Override
  public Optional<ClusterView> view(String clusterId) {
    try {
      return Optional.ofNullable(call(clusterId, "view", () -> existing(clusterId).view()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<OperationView> operation(String clusterId, String operationId) {
    OperationView recorded =
        call(clusterId, "operation query", () -> existing(clusterId).operation(operationId));
    if (recorded == null || recorded.state() != OperationState.IN_PROGRESS) {
      return Optional.ofNullable(recorded);
    }
    return Optional.of(
        liveProgress(clusterId, operationId)
            .map(TemporalClusterOperations::stillRunning)
            .orElse(recorded));
  }

  /**
   * A child that has finished while its cluster has not yet applied the outcome (phase, topology)
   * is still in progress for clients: an OSB platform binds as soon as last_operation says
   * succeeded, and the cluster would refuse that bind as concurrent.
   */
  static OperationView stillRunning(OperationView live) {
    if (live.state() == OperationState.IN_PROGRESS) {
      return live;
    }
    return new OperationView(
        live.operationId(),
        live.clusterId(),
        live.type(),
        OperationState.IN_PROGRESS,
        live.description(),
        live.startedAtMillis(),
        null,
        live.steps(),
        null);
  }

  /** The running child's own view, with the step it is on; empty if it cannot answer yet. */
  private Optional<OperationView> liveProgress(String clusterId, String operationId) {
    String childId = ClusterNaming.operationWorkflowId(clusterId, operationId);
    try {
      return Optional.ofNullable(
          client.newUntypedWorkflowStub(childId).query(PROGRESS_QUERY, OperationView.class));
    } catch (RuntimeException e) {
      // The child may not have started or may have just finished: the parent's record stands.
      return Optional.empty();
    }
  }

  /** An operation Update on a running cluster workflow, answered once the Update completed. */
  private <A> OperationReceipt update(
      String clusterId,
      String action,
      Function<ClusterWorkflow, Functions.Func1<A, OperationReceipt>> method,
      A request,
      String operationId) {
    Functions.Func1<A, OperationReceipt> handler = method.apply(existing(clusterId));
    return call(
        clusterId,
        action,
        () ->
            WorkflowClient.startUpdate(
                    handler, request, completed(OperationReceipt.class, operationId))
                .getResult());
  }

  private ClusterWorkflow existing(String clusterId) {
    return client.newWorkflowStub(ClusterWorkflow.class, ClusterWorkflow.workflowId(clusterId));
  }

  private static WorkflowOptions startOptions(String clusterId, String planId) {
    String plan = PlanCatalog.plan(planId).map(Plan::name).orElse(planId);
    return WorkflowOptions.newBuilder()
        .setWorkflowId(ClusterWorkflow.workflowId(clusterId))
        .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder().set(CLUSTER_ID, clusterId).set(PLAN, plan).build())
        .build();
  }

  private static <R> UpdateOptions<R> completed(Class<R> resultClass, String updateId) {
    return UpdateOptions.newBuilder(resultClass)
        .setUpdateId(updateId)
        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
        .build();
  }

  private static <R> R call(String clusterId, String action, Supplier<R> request) {
    try {
      return request.get();
    } catch (ClusterOperationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw TemporalFailures.translate(clusterId, action, e);
    }
  }
}
