package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.operation.OperationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Point-in-time restore of a snapshot backup into a cluster's VMs: validate (backup restorable,
 * target inside what the archive covers) → stop the instances → volumes from the snapshot → attach
 * them through BOSH (the old disks are orphaned, not deleted) → start the instances → prepare and
 * recover the primary to the target → rebuild the standby from it → re-attach every pgpool backend
 * → configure archiving → release the old disks → record. A failure before the release attaches the
 * old disks again and starts the old data.
 */
@WorkflowInterface
public interface RestoreWorkflow extends OperationWorkflow {

  @WorkflowMethod
  RestoreResult restore(RestoreInput input);
}
