package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.operation.OperationView;

/** The verification as recorded in the catalog, and the operation's record. */
public record VerifyBackupResult(BackupVerification verification, OperationView operation) {}
