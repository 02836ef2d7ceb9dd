package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.operation.OperationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Restores a backup into a throw-away cluster, checks it (server starts, every relation readable,
 * the backup's sentinel row present), records pass or fail with the backup, and destroys the
 * throw-away cluster whatever the outcome. Started on demand (ops API) and by a weekly Schedule. A
 * failed check is a recorded outcome (the workflow completes); only an infrastructure failure fails
 * the workflow.
 */
@WorkflowInterface
public interface VerifyBackupWorkflow extends OperationWorkflow {

  @WorkflowMethod
  VerifyBackupResult verify(VerifyBackupInput input);
}
