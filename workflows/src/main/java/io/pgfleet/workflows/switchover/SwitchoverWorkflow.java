package io.pgfleet.workflows.switchover;

import io.pgfleet.workflows.operation.OperationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A planned change of primary without losing an acknowledged write, as named steps: check (both
 * nodes in their roles, the standby streaming within the lag bound) → prepare (checkpoint) → hold
 * writes (the primary read-only) → catch up (the standby replayed the primary's flush position) →
 * stop old primary (fast shutdown) → await shutdown checkpoint (the standby received it) → promote
 * → re-route every pgpool → rejoin (the old primary as a standby, attached in pgpool) → record. A
 * failure before the promotion rolls back: the old primary started if stopped, writes released,
 * attached in pgpool again; the run ends FAILED with the reason.
 */
@WorkflowInterface
public interface SwitchoverWorkflow extends OperationWorkflow {

  @WorkflowMethod
  SwitchoverResult switchover(SwitchoverInput input);
}
