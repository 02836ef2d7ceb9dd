package io.pgfleet.workflows.backup.schedule;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Started by a cluster's backup Schedule ({@link BackupScheduleNaming#backupScheduleId}): asks the
 * cluster for a snapshot backup and waits for it, then applies retention: keeps the newest {@code
 * retainBackups} completed backups, deletes older entries (their snapshots first) and failed
 * entries older than the oldest kept one, and prunes the archived WAL before the oldest kept
 * backup's start. A busy or deleted cluster is a recorded skip; retention still runs.
 */
@WorkflowInterface
public interface ScheduledBackupWorkflow {

  @WorkflowMethod
  ScheduledBackupResult run(ScheduledBackupInput input);
}
