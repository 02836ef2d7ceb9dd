package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.operation.OperationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A rolling update of one cluster with a single write gap (the switchover's), as named steps: check
 * plan (a smaller disk is refused) → render manifest → hold instances (every instance ignored in
 * BOSH) → update deployment record (deploy the new manifest: ignored instances stay untouched) →
 * each pgpool, one at a time → the standby → switchover (child) → the old primary, now a standby →
 * release instances → record (SHOW the settings on both nodes). Each VM: its process stopped
 * cleanly, unignored, restarted or recreated by BOSH, its process configured and started again, and
 * waited for (pgpool routes; standby streams and caught up; attached in every pgpool). A failure
 * before the switchover ends FAILED with the primary untouched.
 */
@WorkflowInterface
public interface RollingUpdateWorkflow extends OperationWorkflow {

  @WorkflowMethod
  RollingUpdateResult update(RollingUpdateInput input);
}
