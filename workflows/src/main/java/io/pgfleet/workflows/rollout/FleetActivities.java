package io.pgfleet.workflows.rollout;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The fleet as the control plane sees it, for rollouts: which clusters exist and asking them to
 * update. Run by the control-plane worker (it reaches the cluster workflows through its client).
 */
@ActivityInterface
public interface FleetActivities {

  /** The chosen clusters that exist and are not being deleted, in rollout order; read-only. */
  @ActivityMethod(name = "Fleet.members")
  List<FleetMember> members(FleetSelector selector);

  /**
   * Sends the cluster its update (an Update of {@code cluster/<id>} with the request's operation
   * id); the same request again is the same Update, so a retry never updates twice.
   */
  @ActivityMethod(name = "Fleet.startUpdate")
  ClusterUpdateStart startUpdate(ClusterUpdateRequest request);

  /** The operation as the cluster reports it now; read-only. */
  @ActivityMethod(name = "Fleet.operation")
  ClusterOperationStatus operation(String clusterId, String operationId);

  /** Whether the cluster is READY with both PostgreSQL nodes running; read-only. */
  @ActivityMethod(name = "Fleet.healthy")
  boolean healthy(String clusterId);
}
