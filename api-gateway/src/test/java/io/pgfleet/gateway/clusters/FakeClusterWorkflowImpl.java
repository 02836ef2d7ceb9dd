package io.pgfleet.gateway.clusters;

import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ArchiveHealth;
import io.pgfleet.workflows.cluster.BackupRequest;
import io.pgfleet.workflows.cluster.BackupSummary;
import io.pgfleet.workflows.cluster.BindRequest;
import io.pgfleet.workflows.cluster.BindingCredentials;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.cluster.ClusterPhase;
import io.pgfleet.workflows.cluster.ClusterView;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.ClusterWorkflowInput;
import io.pgfleet.workflows.cluster.DeprovisionRequest;
import io.pgfleet.workflows.cluster.FailoverRequest;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.NodeView;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.ProvisionRequest;
import io.pgfleet.workflows.cluster.RestoreRequest;
import io.pgfleet.workflows.cluster.RollingUpdateRequest;
import io.pgfleet.workflows.cluster.SwitchoverRequest;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.cluster.UnbindRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ClusterWorkflow with the real contract's validators and message categories, whose operations
 * are {@link FakeOperationWorkflow} children the test finishes by signal.
 */
public class FakeClusterWorkflowImpl implements ClusterWorkflow {

  private final String clusterId;
  private String planId;
  private ClusterPhase phase = ClusterPhase.NEW;
  private String provisionOperationId;
  private final Map<String, OperationView> operations = new LinkedHashMap<>();
  private final Map<String, String> passwords = new LinkedHashMap<>();
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final Map<String, BackupSummary> backups = new LinkedHashMap<>();
  private OperationType running;

  /** Update handlers can run before run() starts: state that they need is set here. */
  @WorkflowInit
  public FakeClusterWorkflowImpl(ClusterWorkflowInput input) {
    clusterId = input.clusterId();
  }

  @Override
  public void run(ClusterWorkflowInput input) {
    while (phase != ClusterPhase.DELETED) {
      Workflow.await(() -> !queue.isEmpty());
      OperationView queued = operations.get(queue.poll());
      operations.put(queued.operationId(), with(queued, OperationState.IN_PROGRESS));
      FakeOperationWorkflow child =
          Workflow.newChildWorkflowStub(
              FakeOperationWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(ClusterNaming.operationWorkflowId(clusterId, queued.operationId()))
                  .build());
      OperationView done = child.run(clusterId, queued.operationId(), queued.type());
      operations.put(done.operationId(), done);
      boolean ok = done.state() == OperationState.SUCCEEDED;
      if (done.type() == OperationType.PROVISION) {
        phase = ok ? ClusterPhase.READY : ClusterPhase.FAILED;
      } else if (done.type() == OperationType.FAILOVER) {
        phase = ok ? ClusterPhase.READY : ClusterPhase.NEEDS_OPERATOR;
      } else if (done.type() == OperationType.BACKUP) {
        phase = ClusterPhase.READY;
        BackupSummary b = backups.get(done.operationId());
        backups.put(
            b.backupId(),
            new BackupSummary(
                b.backupId(),
                b.operationId(),
                b.mode(),
                done.state(),
                b.requestedAtMillis(),
                Workflow.currentTimeMillis(),
                ok ? "0/5000028" : null,
                ok ? "0/5000138" : null,
                null,
                null,
                ok ? 1 : null,
                done.error(),
                null));
      } else if (done.type() == OperationType.RESTORE || done.type() == OperationType.SWITCHOVER) {
        running = null;
      } else {
        phase = ok ? ClusterPhase.DELETED : ClusterPhase.READY;
      }
    }
  }

  @Override
  public void validateProvision(ProvisionRequest request) {
    if (PlanCatalog.plan(request.planId()).isEmpty()) {
      throw new IllegalArgumentException("unknown plan " + request.planId());
    }
    if (phase == ClusterPhase.DELETED) {
      throw new IllegalStateException("not found: cluster " + clusterId + " was deleted");
    }
    if (phase != ClusterPhase.NEW && !request.planId().equals(planId)) {
      throw new IllegalStateException(
          "conflict: cluster " + clusterId + " is already provisioned with plan " + planId);
    }
  }

  @Override
  public OperationReceipt provision(ProvisionRequest request) {
    if (provisionOperationId != null) {
      return new OperationReceipt(provisionOperationId, true);
    }
    planId = request.planId();
    provisionOperationId = request.operationId();
    phase = ClusterPhase.PROVISIONING;
    return enqueue(request.operationId(), OperationType.PROVISION);
  }

  @Override
  public void validateDeprovision(DeprovisionRequest request) {
    if (phase == ClusterPhase.PROVISIONING || phase == ClusterPhase.DEPROVISIONING) {
      throw new IllegalStateException("concurrency: cluster " + clusterId + " is " + phase);
    }
  }

  @Override
  public OperationReceipt deprovision(DeprovisionRequest request) {
    phase = ClusterPhase.DEPROVISIONING;
    return enqueue(request.operationId(), OperationType.DEPROVISION);
  }

  @Override
  public void validateBind(BindRequest request) {
    if (phase != ClusterPhase.READY) {
      throw new IllegalStateException("concurrency: cluster " + clusterId + " is " + phase);
    }
  }

  @Override
  public BindingCredentials bind(BindRequest request) {
    String user = "u_" + request.bindingId();
    String password =
        passwords.computeIfAbsent(request.bindingId(), id -> Workflow.randomUUID().toString());
    return new BindingCredentials(
        "postgresql://" + user + ":" + password + "@127.0.0.1:9999/app",
        "jdbc:postgresql://127.0.0.1:9999/app",
        user,
        password,
        "app",
        List.of("127.0.0.1:9999"));
  }

  @Override
  public void validateUnbind(UnbindRequest request) {
    if (!passwords.containsKey(request.bindingId())) {
      throw new IllegalStateException("not found: binding " + request.bindingId());
    }
  }

  @Override
  public void unbind(UnbindRequest request) {
    passwords.remove(request.bindingId());
  }

  /** The real contract: READY or NEEDS_OPERATOR, and no other operation running. */
  @Override
  public void validateFailover(FailoverRequest request) {
    switch (phase) {
      case READY, NEEDS_OPERATOR -> {}
      case PROVISIONING, DEPROVISIONING, FAILING_OVER ->
          throw new IllegalStateException("concurrency: cluster " + clusterId + " is " + phase);
      default ->
          throw new IllegalStateException(
              "conflict: cluster "
                  + clusterId
                  + " is "
                  + phase
                  + "; only a ready cluster fails over");
    }
  }

  @Override
  public OperationReceipt failover(FailoverRequest request) {
    phase = ClusterPhase.FAILING_OVER;
    return enqueue(request.operationId(), OperationType.FAILOVER);
  }

  /** The contract: READY or NEEDS_OPERATOR, nothing running, and a backup it knows. */
  @Override
  public void validateRestore(RestoreRequest request) {
    requireIdle(ClusterPhase.READY, ClusterPhase.NEEDS_OPERATOR);
    if (request.backupId() != null && !backups.containsKey(request.backupId())) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          "cluster " + clusterId + " has no backup " + request.backupId(),
          io.pgfleet.workflows.FailureType.INVALID_INPUT.name());
    }
  }

  @Override
  public OperationReceipt restore(RestoreRequest request) {
    running = OperationType.RESTORE;
    return enqueue(request.operationId(), OperationType.RESTORE);
  }

  /** The contract: READY and nothing running. */
  @Override
  public void validateSwitchover(SwitchoverRequest request) {
    requireIdle(ClusterPhase.READY);
  }

  @Override
  public OperationReceipt switchover(SwitchoverRequest request) {
    running = OperationType.SWITCHOVER;
    return enqueue(request.operationId(), OperationType.SWITCHOVER);
  }

  private void requireIdle(ClusterPhase... allowed) {
    if (running != null) {
      throw new IllegalStateException("concurrency: cluster " + clusterId + " runs a " + running);
    }
    switch (phase) {
      case PROVISIONING, DEPROVISIONING, FAILING_OVER, BACKING_UP ->
          throw new IllegalStateException("concurrency: cluster " + clusterId + " is " + phase);
      default -> {}
    }
    if (!List.of(allowed).contains(phase)) {
      throw new IllegalStateException(
          "conflict: cluster " + clusterId + " is " + phase + "; only " + List.of(allowed));
    }
  }

  @Override
  public void validateRollingUpdate(RollingUpdateRequest request) {
    throw new IllegalStateException("conflict: rolling update is not faked");
  }

  @Override
  public OperationReceipt rollingUpdate(RollingUpdateRequest request) {
    throw new IllegalStateException("conflict: rolling update is not faked");
  }

  @Override
  public Topology topology() {
    return null;
  }

  @Override
  public String maintenanceWindow() {
    return null;
  }

  @Override
  public void backupVerified(BackupVerification verification) {}

  @Override
  public void backupsRemoved(List<String> backupIds) {}

  @Override
  public void archiveHealth(ArchiveHealth report) {}

  @Override
  public void validateBackup(BackupRequest request) {
    switch (phase) {
      case READY -> {}
      case PROVISIONING, DEPROVISIONING, FAILING_OVER, BACKING_UP ->
          throw new IllegalStateException("concurrency: cluster " + clusterId + " is " + phase);
      default ->
          throw new IllegalStateException(
              "conflict: cluster "
                  + clusterId
                  + " is "
                  + phase
                  + "; only a ready one is backed up");
    }
  }

  @Override
  public OperationReceipt backup(BackupRequest request) {
    phase = ClusterPhase.BACKING_UP;
    backups.put(
        request.operationId(),
        new BackupSummary(
            request.operationId(),
            request.operationId(),
            request.modeOrDefault(),
            OperationState.IN_PROGRESS,
            Workflow.currentTimeMillis(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
    return enqueue(request.operationId(), OperationType.BACKUP);
  }

  @Override
  public List<BackupSummary> backups() {
    return List.copyOf(backups.values());
  }

  @Override
  public void reportFailure(io.pgfleet.workflows.cluster.DataPlaneReport report) {}

  @Override
  public ClusterView view() {
    List<NodeView> nodes =
        phase == ClusterPhase.READY
            ? List.of(new NodeView("postgres/0", NodeRole.PRIMARY, "127.0.0.1", 5432, "running"))
            : List.of();
    return new ClusterView(
        clusterId,
        PlanCatalog.SERVICE_ID,
        planId,
        phase,
        nodes,
        List.of(),
        new ArrayList<>(operations.values()),
        new ArrayList<>(passwords.keySet()),
        Map.of(),
        null);
  }

  @Override
  public OperationView operation(String operationId) {
    return operations.get(operationId);
  }

  private OperationReceipt enqueue(String operationId, OperationType type) {
    operations.put(
        operationId,
        new OperationView(
            operationId,
            clusterId,
            type,
            OperationState.QUEUED,
            type.name().toLowerCase() + " queued",
            Workflow.currentTimeMillis(),
            null,
            List.of(),
            null));
    queue.add(operationId);
    return new OperationReceipt(operationId, false);
  }

  private static OperationView with(OperationView op, OperationState state) {
    return new OperationView(
        op.operationId(),
        op.clusterId(),
        op.type(),
        state,
        op.description(),
        op.startedAtMillis(),
        op.finishedAtMillis(),
        op.steps(),
        op.error());
  }
}
