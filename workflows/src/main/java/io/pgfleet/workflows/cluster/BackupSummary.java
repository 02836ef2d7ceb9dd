package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.operation.OperationState;

/**
 * One backup as the cluster remembers it (the catalog in the repository has the whole entry).
 *
 * @param backupId the catalog id (the operation id)
 * @param status QUEUED, IN_PROGRESS, SUCCEEDED (restorable) or FAILED
 * @param requestedAtMillis when the request was accepted (workflow clock)
 * @param finishedAtMillis when the operation ended (workflow clock); null while it runs
 * @param startLsn where recovery from the backup begins; null unless it succeeded
 * @param stopLsn the earliest point the backup restores to; null unless it succeeded
 * @param startedAtMillis database clock at the backup's start; null unless it succeeded
 * @param stoppedAtMillis database clock at its stop; null unless it succeeded
 * @param timeline the timeline it was taken on; null unless it succeeded
 * @param error why it failed; null otherwise
 * @param verification the newest verification of the backup; null until one ran
 */
public record BackupSummary(
    String backupId,
    String operationId,
    BackupMode mode,
    OperationState status,
    long requestedAtMillis,
    Long finishedAtMillis,
    String startLsn,
    String stopLsn,
    Long startedAtMillis,
    Long stoppedAtMillis,
    Integer timeline,
    String error,
    BackupVerification verification) {

  static BackupSummary requested(String operationId, BackupMode mode, long now) {
    return new BackupSummary(
        operationId,
        operationId,
        mode,
        OperationState.QUEUED,
        now,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  BackupSummary running() {
    return withOutcome(OperationState.IN_PROGRESS, null, null);
  }

  BackupSummary completed(BackupRecord record, long now) {
    return new BackupSummary(
        backupId,
        operationId,
        record.mode() == null ? mode : record.mode(),
        OperationState.SUCCEEDED,
        requestedAtMillis,
        now,
        record.start() == null ? null : record.start().lsn(),
        record.stop() == null ? null : record.stop().lsn(),
        record.start() == null ? null : record.start().atMillis(),
        record.stop() == null ? null : record.stop().atMillis(),
        record.timeline(),
        null,
        verification);
  }

  BackupSummary verified(BackupVerification newest) {
    return new BackupSummary(
        backupId,
        operationId,
        mode,
        status,
        requestedAtMillis,
        finishedAtMillis,
        startLsn,
        stopLsn,
        startedAtMillis,
        stoppedAtMillis,
        timeline,
        error,
        newest);
  }

  BackupSummary failed(String reason, long now) {
    return withOutcome(OperationState.FAILED, now, reason);
  }

  private BackupSummary withOutcome(OperationState state, Long finishedAt, String reason) {
    return new BackupSummary(
        backupId,
        operationId,
        mode,
        state,
        requestedAtMillis,
        finishedAt,
        startLsn,
        stopLsn,
        startedAtMillis,
        stoppedAtMillis,
        timeline,
        reason,
        verification);
  }
}
