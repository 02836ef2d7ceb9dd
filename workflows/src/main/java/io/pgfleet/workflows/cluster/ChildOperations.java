package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.operation.StepRecorder.rootMessage;

import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.deprovision.DeprovisionInput;
import io.pgfleet.workflows.deprovision.DeprovisionResult;
import io.pgfleet.workflows.deprovision.DeprovisionWorkflow;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.provision.ProvisionInput;
import io.pgfleet.workflows.provision.ProvisionResult;
import io.pgfleet.workflows.provision.ProvisionWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Runs a queued provision (followed by a restore when the cluster is created from a backup, and the
 * backup schedules), deprovision, failover ({@link FailoverRun}), backup ({@link BackupRun}),
 * restore ({@link RestoreRun}) or switchover ({@link SwitchoverRun}) as a child workflow and moves
 * the cluster's phase by its outcome. While the child runs, the cluster's record of the operation
 * stays IN_PROGRESS; its live steps are the child's {@code progress()} query (workflow id {@link
 * ClusterNaming#operationWorkflowId}), because workflow code cannot query another workflow.
 */
final class ChildOperations {

  private final Logger log = Workflow.getLogger(ChildOperations.class);
  private final ClusterEntity cluster;
  private final FailoverRun failovers;
  private final BackupRun backups;
  private final RestoreRun restores;
  private final SwitchoverRun switchovers;
  private final BackupSchedules schedules;

  ChildOperations(
      ClusterEntity cluster,
      FailoverRun failovers,
      BackupRun backups,
      RestoreRun restores,
      SwitchoverRun switchovers) {
    this.cluster = cluster;
    this.failovers = failovers;
    this.backups = backups;
    this.restores = restores;
    this.switchovers = switchovers;
    this.schedules = new BackupSchedules(cluster);
  }

  void run(QueuedOperation op) {
    OperationView running =
        OperationViews.inProgress(cluster.operations.find(op.operationId()).orElseThrow());
    cluster.operations.put(running);
    switch (op.type()) {
      case PROVISION -> provision(running);
      case DEPROVISION -> deprovision(running, op.phaseBefore());
      case FAILOVER -> failovers.run(running, op.phaseBefore());
      case BACKUP -> backups.run(running);
      case RESTORE -> restores.inPlace(running, op.phaseBefore());
      case SWITCHOVER -> switchovers.run(running);
      default -> throw new IllegalStateException("not a child operation: " + op);
    }
  }

  private void provision(OperationView running) {
    ProvisionWorkflow child =
        Workflow.newChildWorkflowStub(ProvisionWorkflow.class, options(running.operationId()));
    ProvisionInput input =
        new ProvisionInput(
            cluster.clusterId,
            running.operationId(),
            ClusterNaming.deployment(cluster.clusterId),
            PlanCatalog.plan(cluster.planId).orElseThrow(),
            cluster.secrets);
    ProvisionResult result;
    try {
      result = child.provision(input);
    } catch (ChildWorkflowFailure failure) {
      cluster.phase = ClusterPhase.FAILED;
      cluster.operations.put(failed(failure, running));
      log.warn("cluster {} failed to provision: {}", cluster.clusterId, rootMessage(failure));
      return;
    }
    cluster.topology = result.topology();
    OperationView done = finished(result.operation(), running);
    if (cluster.restoredFrom != null) {
      Optional<OperationView> restored = restores.intoNewCluster(done);
      if (restored.isEmpty()) {
        return;
      }
      done = restored.get();
    }
    cluster.operations.put(schedules.ensure(done));
    cluster.phase = ClusterPhase.READY;
    log.info("cluster {} is ready", cluster.clusterId);
  }

  private void deprovision(OperationView running, ClusterPhase phaseBefore) {
    DeprovisionWorkflow child =
        Workflow.newChildWorkflowStub(DeprovisionWorkflow.class, options(running.operationId()));
    List<String> usernames = cluster.bindings.values().stream().map(b -> b.username()).toList();
    DeprovisionInput input =
        new DeprovisionInput(
            cluster.clusterId,
            running.operationId(),
            ClusterNaming.deployment(cluster.clusterId),
            cluster.topology,
            cluster.secrets,
            usernames);
    try {
      DeprovisionResult result = child.deprovision(input);
      cluster.bindings.clear();
      cluster.topology = null;
      OperationView done = finished(result == null ? null : result.operation(), running);
      cluster.operations.put(schedules.remove(done));
      cluster.phase = ClusterPhase.DELETED;
      log.info("cluster {} is deleted", cluster.clusterId);
    } catch (ChildWorkflowFailure failure) {
      // Deprovisioning is idempotent: back to where it started, so the platform can ask again.
      cluster.phase = phaseBefore;
      cluster.operations.put(failed(failure, running));
      log.warn("cluster {} failed to deprovision: {}", cluster.clusterId, rootMessage(failure));
    }
  }

  private ChildWorkflowOptions options(String operationId) {
    return options(cluster.clusterId, operationId);
  }

  /** The child of one operation: a deterministic id, cancelled when the cluster's run ends. */
  static ChildWorkflowOptions options(String clusterId, String operationId) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(ClusterNaming.operationWorkflowId(clusterId, operationId))
        .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
        .build();
  }

  /** The child's own record with its steps, or ours when it sent none. */
  static OperationView finished(OperationView fromChild, OperationView running) {
    if (fromChild != null && running.operationId().equals(fromChild.operationId())) {
      return fromChild;
    }
    return OperationViews.succeeded(running, Workflow.currentTimeMillis());
  }

  /**
   * A child may attach its failed OperationView (with steps) as the first detail of the
   * ApplicationFailure it ends with; otherwise the record gets the root cause's message.
   */
  static OperationView failed(TemporalFailure failure, OperationView running) {
    return failedView(failure, running.operationId())
        .orElseGet(
            () ->
                OperationViews.failed(running, rootMessage(failure), Workflow.currentTimeMillis()));
  }

  /** The failed OperationView of that operation the child attached to its failure, if any. */
  static Optional<OperationView> failedView(TemporalFailure failure, String operationId) {
    if (failure.getCause() instanceof ApplicationFailure app && app.getDetails().getSize() > 0) {
      try {
        OperationView fromChild = app.getDetails().get(0, OperationView.class);
        if (fromChild != null
            && operationId.equals(fromChild.operationId())
            && fromChild.state() == OperationState.FAILED) {
          return Optional.of(fromChild);
        }
      } catch (DataConverterException notAView) {
        // Some other detail: fall back to the message.
      }
    }
    return Optional.empty();
  }

  /** The ApplicationFailure type the child ended with; null for a timeout or cancellation. */
  static String failureType(TemporalFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app ? app.getType() : null;
  }
}
