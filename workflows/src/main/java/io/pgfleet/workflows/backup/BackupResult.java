package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.operation.OperationView;

/** The completed backup's catalog entry and the operation's record. */
public record BackupResult(BackupRecord backup, OperationView operation) {}
