package io.pgfleet.workers.controlplane;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.schedule.ClusterRequestActivities;
import io.pgfleet.workflows.backup.schedule.RequestedBackup;
import io.pgfleet.workflows.backup.schedule.RequestedBackupOutcome;
import io.pgfleet.workflows.cluster.BackupRequest;
import io.pgfleet.workflows.cluster.BackupSummary;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.Topology;
import io.temporal.activity.Activity;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link ClusterRequestActivities} over the worker's Temporal client: the {@code backup} Update on
 * {@code cluster/<id>}, then the cluster's {@code backups()} query until the backup has an outcome.
 */
public final class TemporalClusterRequests implements ClusterRequestActivities {

  /**
   * A snapshot backup takes seconds to minutes: a poll every few seconds notices its end soon
   * enough, costs one query each, and heartbeats well within the activity's heartbeat timeout.
   */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  /** Validator rejections the cluster words as "not now" (see Admission), not as bad input. */
  private static final List<String> REFUSALS = List.of("concurrency:", "conflict:", "not found:");

  private final WorkflowClient client;
  private final Duration pollInterval;

  public TemporalClusterRequests(WorkflowClient client) {
    this(client, POLL_INTERVAL);
  }

  TemporalClusterRequests(WorkflowClient client, Duration pollInterval) {
    this.client = client;
    this.pollInterval = pollInterval;
  }

  @Override
  public RequestedBackup requestBackup(String clusterId, String operationId) {
    ClusterWorkflow cluster =
        client.newWorkflowStub(ClusterWorkflow.class, ClusterWorkflow.workflowId(clusterId));
    try {
      WorkflowClient.startUpdate(
              cluster::backup,
              new BackupRequest(operationId, null),
              UpdateOptions.newBuilder(OperationReceipt.class)
                  .setUpdateId(operationId)
                  .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                  .build())
          .getResult();
    } catch (WorkflowUpdateException e) {
      return refused(clusterId, operationId, e);
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        return skipped(clusterId, operationId, "cluster " + clusterId + " does not exist");
      }
      throw e;
    }
    return awaitOutcome(cluster, clusterId, operationId);
  }

  @Override
  public Optional<String> primaryTaskQueue(String clusterId) {
    ClusterWorkflow cluster =
        client.newWorkflowStub(ClusterWorkflow.class, ClusterWorkflow.workflowId(clusterId));
    Topology topology;
    try {
      topology = cluster.topology();
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
    if (topology == null
        || topology.nodes().stream().noneMatch(n -> n.role() == NodeRole.PRIMARY)) {
      return Optional.empty();
    }
    return Optional.of(topology.taskQueue(topology.primary()));
  }

  @Override
  public void forgetBackups(String clusterId, List<String> backupIds) {
    try {
      client
          .newWorkflowStub(ClusterWorkflow.class, ClusterWorkflow.workflowId(clusterId))
          .backupsRemoved(backupIds);
    } catch (RuntimeException e) {
      if (!isNotFound(e)) {
        throw e;
      }
    }
  }

  /** Bounded by the activity's start-to-close timeout; heartbeats carry the poll count. */
  private RequestedBackup awaitOutcome(
      ClusterWorkflow cluster, String clusterId, String operationId) {
    for (int poll = 1; ; poll++) {
      Optional<BackupSummary> summary;
      try {
        summary =
            cluster.backups().stream().filter(b -> operationId.equals(b.backupId())).findFirst();
      } catch (RuntimeException e) {
        if (isNotFound(e)) {
          return skipped(clusterId, operationId, "cluster " + clusterId + " no longer exists");
        }
        throw e;
      }
      if (summary.isEmpty()) {
        return skipped(
            clusterId, operationId, "cluster " + clusterId + " no longer lists the backup");
      }
      switch (summary.get().status()) {
        case SUCCEEDED -> {
          return new RequestedBackup(
              clusterId, operationId, RequestedBackupOutcome.SUCCEEDED, null);
        }
        case FAILED -> {
          return new RequestedBackup(
              clusterId, operationId, RequestedBackupOutcome.FAILED, summary.get().error());
        }
        default -> {
          Activity.getExecutionContext().heartbeat(poll);
          sleep();
        }
      }
    }
  }

  private RequestedBackup refused(String clusterId, String operationId, WorkflowUpdateException e) {
    if (e.getCause() instanceof ApplicationFailure failure) {
      String message = failure.getOriginalMessage();
      if (REFUSALS.stream().anyMatch(message::startsWith)) {
        return skipped(clusterId, operationId, message);
      }
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "cluster " + clusterId + " refused backup " + operationId + ": " + message,
          FailureType.INVALID_INPUT.name(),
          e);
    }
    throw e;
  }

  private static RequestedBackup skipped(String clusterId, String operationId, String why) {
    return new RequestedBackup(clusterId, operationId, RequestedBackupOutcome.SKIPPED, why);
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a backup", e);
    }
  }

  /** A cluster workflow that never existed, or ended (deleted cluster): nothing to back up. */
  static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowNotFoundException) {
        return true;
      }
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }
}
