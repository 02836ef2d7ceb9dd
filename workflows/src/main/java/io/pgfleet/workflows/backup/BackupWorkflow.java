package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.operation.OperationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One online base backup of a cluster, recorded in its catalog. Snapshot mode: pg_backup_start →
 * IaaS snapshot of the primary's disk → pg_backup_stop on the same session → snapshot completed.
 * Copy mode: a pgBackRest backup. The cluster keeps taking writes throughout.
 */
@WorkflowInterface
public interface BackupWorkflow extends OperationWorkflow {

  @WorkflowMethod
  BackupResult backup(BackupInput input);
}
