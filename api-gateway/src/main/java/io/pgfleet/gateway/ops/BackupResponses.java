package io.pgfleet.gateway.ops;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.pgfleet.gateway.clusters.VerificationState;
import io.pgfleet.gateway.inventory.VerificationRow;
import io.pgfleet.workflows.backup.BackupVerification;
import java.time.Instant;
import java.util.List;

/** Bodies of the backup endpoints: listing with restorable range, verifications. */
public final class BackupResponses {

  private BackupResponses() {}

  /**
   * GET /api/v1/clusters/{id}/backups.
   *
   * @param backups oldest first
   * @param latestRestorableTime when the newest archived WAL segment was stored: no TIME target
   *     after it can be reached; null when it could not be read (then latestRestorableTimeError
   *     says why) or the archive holds no WAL yet
   * @param latestRestorableLsn where that segment ends: no LSN target beyond it can be reached
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record BackupList(
      String clusterId,
      List<OpsResponses.Backup> backups,
      Instant latestRestorableTime,
      String latestRestorableLsn,
      String latestRestorableTimeError) {}

  /**
   * A backup's newest verification.
   *
   * @param passed the server started, every relation was readable and the sentinel rows matched
   * @param detail what was checked, or why it failed
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record VerificationOutcome(
      boolean passed, String detail, String operationId, Instant verifiedAt) {

    static VerificationOutcome of(BackupVerification v) {
      return v == null
          ? null
          : new VerificationOutcome(
              v.passed(), v.detail(), v.operationId(), Instant.ofEpochMilli(v.verifiedAtMillis()));
    }
  }

  /** 202 for a verification that now runs; follow it at the Location. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record VerificationAccepted(
      String operationId, String workflowId, String backupId, String clusterId) {}

  /**
   * A verification the API started.
   *
   * @param status the workflow's: running, completed (see verification.passed), failed (the
   *     verification could not run; see error), cancelled, terminated, timed_out; unknown when
   *     Temporal no longer has it
   * @param operation its steps as the workflow reports them; null when they cannot be read
   * @param verification the recorded outcome once completed
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Verification(
      String operationId,
      String workflowId,
      String backupId,
      String clusterId,
      Instant requestedAt,
      String status,
      OpsResponses.Operation operation,
      VerificationOutcome verification,
      String error) {

    static Verification of(VerificationRow row, VerificationState state) {
      return new Verification(
          row.operationId(),
          row.workflowId(),
          row.backupId(),
          row.clusterId(),
          row.requestedAt(),
          state == null ? "unknown" : state.status(),
          state == null || state.operation() == null
              ? null
              : OpsResponses.Operation.of(state.operation()),
          state == null ? null : VerificationOutcome.of(state.verification()),
          state == null ? null : state.error());
    }
  }
}
