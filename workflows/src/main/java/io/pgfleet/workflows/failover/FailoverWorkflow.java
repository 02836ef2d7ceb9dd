package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.operation.OperationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Replaces a failed primary, as named steps: confirm (a quorum sees the primary down) → choose (the
 * standby, only within the lag bound) → fence (power the old primary's VM off and prove it cannot
 * take writes) → promote → re-route every pgpool → record → rebuild redundancy (the old VM back as
 * a standby). No proof of fencing, no promotion.
 */
@WorkflowInterface
public interface FailoverWorkflow extends OperationWorkflow {

  @WorkflowMethod
  FailoverResult failover(FailoverInput input);
}
