package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.operation.OperationType;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Operations accepted and waiting for the main loop, which runs them one at a time. Never carried
 * across continue-as-new: the run continues as new only once it is empty.
 */
final class OperationQueue {

  private final ClusterEntity cluster;
  private final Deque<QueuedOperation> waiting = new ArrayDeque<>();

  OperationQueue(ClusterEntity cluster) {
    this.cluster = cluster;
  }

  /** Queues the operation, records it as QUEUED and moves the cluster to {@code next}. */
  void add(String operationId, OperationType type, ClusterPhase next) {
    // A backup ends before a failover queued behind it runs (it is cancelled): an unconfirmed
    // failover returns the cluster to READY, not to a backup that no longer runs.
    ClusterPhase before =
        cluster.phase == ClusterPhase.BACKING_UP ? ClusterPhase.READY : cluster.phase;
    waiting.add(new QueuedOperation(operationId, type, before));
    cluster.phase = next;
    cluster.operations.remember(operationId);
    cluster.operations.put(
        OperationViews.queued(operationId, cluster.clusterId, type, Workflow.currentTimeMillis()));
  }

  boolean isEmpty() {
    return waiting.isEmpty();
  }

  QueuedOperation poll() {
    return waiting.poll();
  }
}
