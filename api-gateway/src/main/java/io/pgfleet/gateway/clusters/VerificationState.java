package io.pgfleet.gateway.clusters;

import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.operation.OperationView;

/**
 * A verification workflow as Temporal reports it.
 *
 * @param status running, completed, failed, cancelled, terminated, timed_out
 * @param operation the workflow's own view of its steps: live while it runs, the recorded one once
 *     it completed; null when it could not be read
 * @param verification the recorded outcome once it completed (passed or not); null before
 * @param error why the workflow itself failed (an infrastructure failure, not a failed check)
 */
public record VerificationState(
    String status, OperationView operation, BackupVerification verification, String error) {}
