package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupStatus;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.restore.RestoreInput;
import io.pgfleet.workflows.restore.RestoreResult;
import io.pgfleet.workflows.restore.RestoreWorkflow;
import io.temporal.workflow.Workflow;

/**
 * Stands in for the real restore: holds or fails as scripted, else reports the backup it was asked
 * for (or "bk-newest") recovered onto timeline 2.
 */
public class FakeRestoreWorkflow implements RestoreWorkflow {

  static final RecoveryOutcome RECOVERY =
      new RecoveryOutcome(2, "0/7000060", 5_000L, "recovery stopping before commit of 745");

  private final ChildScript script;
  private final ScriptedChild child;

  FakeRestoreWorkflow(ChildScript script) {
    this.script = script;
    this.child = new ScriptedChild(script.restore);
  }

  @Override
  public RestoreResult restore(RestoreInput input) {
    script.restoreInputs.add(input);
    script.childWorkflowIds.add(Workflow.getInfo().getWorkflowId());
    OperationView done =
        child.perform(
            input.operationId(), input.clusterId(), OperationType.RESTORE, "restore disks");
    String backupId = input.backupId() == null ? "bk-newest" : input.backupId();
    BackupRecord backup =
        new BackupRecord(
            BackupRecord.FORMAT_VERSION,
            backupId,
            input.sourceClusterId(),
            BackupMode.SNAPSHOT,
            BackupStatus.COMPLETED,
            input.sourceClusterId(),
            null,
            1,
            FakeBackupWorkflow.START,
            FakeBackupWorkflow.STOP,
            31_000_000L,
            null,
            null,
            null,
            3_000);
    return new RestoreResult(backup, RECOVERY, done);
  }

  @Override
  public OperationView progress() {
    return child.progress();
  }
}
