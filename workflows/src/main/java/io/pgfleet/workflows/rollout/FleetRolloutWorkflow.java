package io.pgfleet.workflows.rollout;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Rolls one change over many clusters: canaries first (then a health wait), then waves of at most
 * {@code maxInFlight} clusters, each started only inside its maintenance window. It pauses itself
 * when a canary fails or the failure ratio passes the threshold; operators pause, resume and abort
 * by Update. Progress is a query and the search attributes {@code PgfleetRolloutState}, {@code
 * PgfleetRolloutSucceeded} and {@code PgfleetRolloutFailed}. Large fleets continue as new between
 * batches.
 */
@WorkflowInterface
public interface FleetRolloutWorkflow {

  @WorkflowMethod
  RolloutProgress rollOut(FleetRolloutInput input);

  /** No new cluster starts; clusters in flight finish. */
  @UpdateMethod
  RolloutProgress pause(String reason);

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(String reason);

  /** Starts clusters again; the failure ratio counts afresh from here. */
  @UpdateMethod
  RolloutProgress resume();

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume();

  /** Stops for good once the clusters in flight finished. */
  @UpdateMethod
  RolloutProgress abort(String reason);

  @UpdateValidatorMethod(updateName = "abort")
  void validateAbort(String reason);

  @QueryMethod
  RolloutProgress progress();
}
