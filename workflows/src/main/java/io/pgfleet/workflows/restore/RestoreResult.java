package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.pgfleet.workflows.operation.OperationView;

/** The backup restored, where recovery stopped, and the operation's record. */
public record RestoreResult(
    BackupRecord backup, RecoveryOutcome recovery, OperationView operation) {}
