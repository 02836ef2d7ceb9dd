package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.operation.OperationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Replaces a failed primary, as named steps: confirm (a quorum sees the primary down, at once for a
 * crash, otherwise again after the tolerance) → choose (the standby, only within the lag bound) →
 * fence (power the old primary's VM off and prove it cannot take writes) → promote → re-route every
 * pgpool → record → rebuild redundancy (the old VM back as a standby). No proof of fencing, no
 * promotion. A primary not confirmed down ends with restore routing (pgpools that detached it
 * during the blip attach it again).
 */
@WorkflowInterface
public interface FailoverWorkflow extends OperationWorkflow {

  @WorkflowMethod
  FailoverResult failover(FailoverInput input);
}
