package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import java.time.Duration;

/** Activity and child-workflow options of a verification, each with the reason for its numbers. */
final class VerifyPolicies {

  private VerifyPolicies() {}

  /**
   * Reading every relation of a large database takes as long as a full scan of it: ~20 minutes for
   * 200 GiB at 200 MB/s, hours on slow disks. The activity heartbeats while it reads, so a dead
   * worker is noticed after the heartbeat timeout, not this one.
   */
  static final ActivityOptions CHECK_RESTORED =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(6))
          .setHeartbeatTimeout(Duration.ofMinutes(2))
          .setRetryOptions(ActivityPolicies.TRANSIENT_RETRY)
          .build();

  /**
   * A child operation of the throw-away cluster: cancelled with the verification (the detached
   * deprovision still removes what it created).
   */
  static ChildWorkflowOptions child(String clusterId, String operationId) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(ClusterNaming.operationWorkflowId(clusterId, operationId))
        .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
        .build();
  }

  /** The deprovision finishes even when the verification is terminated meanwhile. */
  static ChildWorkflowOptions cleanup(String clusterId, String operationId) {
    return ChildWorkflowOptions.newBuilder(child(clusterId, operationId))
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .build();
  }
}
