package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.backup.BackupInput;
import io.pgfleet.workflows.backup.BackupPoint;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupResult;
import io.pgfleet.workflows.backup.BackupStatus;
import io.pgfleet.workflows.backup.BackupWorkflow;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;

/** Stands in for the real backup: holds or fails as scripted, else records fixed LSNs. */
public class FakeBackupWorkflow implements BackupWorkflow {

  static final BackupPoint START = new BackupPoint("0/5000028", "000000010000000000000005", 1_000);
  static final BackupPoint STOP = new BackupPoint("0/5000138", "000000010000000000000005", 2_000);

  private final ChildScript script;
  private final ScriptedChild child;

  FakeBackupWorkflow(ChildScript script) {
    this.script = script;
    this.child = new ScriptedChild(script.backup);
  }

  @Override
  public BackupResult backup(BackupInput input) {
    script.backupInputs.add(input);
    script.childWorkflowIds.add(io.temporal.workflow.Workflow.getInfo().getWorkflowId());
    OperationView done =
        child.perform(input.operationId(), input.clusterId(), OperationType.BACKUP, "start backup");
    BackupRecord record =
        new BackupRecord(
            BackupRecord.FORMAT_VERSION,
            input.backupId(),
            input.clusterId(),
            input.mode(),
            BackupStatus.COMPLETED,
            input.clusterId(),
            null,
            1,
            START,
            STOP,
            31_000_000L,
            null,
            null,
            null,
            3_000);
    return new BackupResult(record, done);
  }

  @Override
  public OperationView progress() {
    return child.progress();
  }
}
