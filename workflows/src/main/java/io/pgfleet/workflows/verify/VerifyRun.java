package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.operation.StepRecorder;
import io.pgfleet.workflows.restore.RestoreInput;
import io.pgfleet.workflows.restore.RestoreMode;
import io.pgfleet.workflows.restore.RestoreWorkflow;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;

/**
 * One verification's work on its throw-away cluster: provision, restore, check, and the cleanup
 * that always follows. The restore stops at the backup's stop LSN, the first point its copy is
 * consistent, so the result does not depend on what the source archived since.
 */
final class VerifyRun {

  private final StepRecorder recorder;
  private final ThrowAwayCluster throwAway;
  private final BackupRecord backup;
  private final String operationId;
  private final BackupSqlActivities sql =
      Workflow.newActivityStub(BackupSqlActivities.class, VerifyPolicies.CHECK_RESTORED);
  private boolean provisionStarted;

  VerifyRun(
      StepRecorder recorder, ThrowAwayCluster throwAway, BackupRecord backup, String operationId) {
    this.recorder = recorder;
    this.throwAway = throwAway;
    this.backup = backup;
    this.operationId = operationId;
  }

  /**
   * The verification's outcome; a failed restore or check is a FAILED verification, a failed
   * provision propagates (nothing was verified).
   */
  BackupVerification verify(Plan plan) {
    provisionStarted = true;
    recorder.step(
        "provision throw-away cluster " + throwAway.clusterId, () -> throwAway.provision(plan));
    String where = "backup " + backup.backupId() + " restored into " + throwAway.clusterId;
    try {
      recorder.step("restore backup", () -> restoreChild().restore(restoreInput(plan)));
    } catch (ChildWorkflowFailure restoreFailed) {
      return outcome(false, "restore failed: " + StepRecorder.rootMessage(restoreFailed));
    }
    RestoreCheck check;
    try {
      check =
          recorder.step(
              "check restored data",
              () ->
                  sql.checkRestored(new RestoreCheckInput(throwAway.primary(), backup.backupId())));
    } catch (ActivityFailure checkFailed) {
      return outcome(
          false, where + ", but could not be checked: " + StepRecorder.rootMessage(checkFailed));
    }
    return outcome(
        check.passed(), where + " up to " + target().describe() + ": " + check.describe());
  }

  /**
   * Deprovisions the throw-away cluster, also when the verification was cancelled; returns why that
   * failed, null when it worked or nothing was provisioned.
   */
  String cleanUp() {
    if (!provisionStarted) {
      return null;
    }
    String[] problem = {null};
    Workflow.newDetachedCancellationScope(
            () -> {
              try {
                recorder.step(
                    "deprovision throw-away cluster " + throwAway.clusterId,
                    throwAway::deprovision);
              } catch (TemporalFailure failure) {
                problem[0] =
                    "throw-away cluster "
                        + throwAway.clusterId
                        + " not removed: "
                        + StepRecorder.rootMessage(failure);
              }
            })
        .run();
    return problem[0];
  }

  private RestoreWorkflow restoreChild() {
    return Workflow.newChildWorkflowStub(
        RestoreWorkflow.class,
        VerifyPolicies.child(throwAway.clusterId, throwAway.childOperation("restore")));
  }

  private RestoreInput restoreInput(Plan plan) {
    return new RestoreInput(
        throwAway.clusterId,
        throwAway.childOperation("restore"),
        throwAway.topology(),
        backup.clusterId(),
        backup.backupId(),
        target(),
        RestoreMode.NEW_CLUSTER,
        throwAway.secrets,
        plan.postgresParameters());
  }

  private RecoveryTarget target() {
    return new RecoveryTarget(RecoveryTargetKind.LSN, backup.stop().lsn());
  }

  private BackupVerification outcome(boolean passed, String detail) {
    return new BackupVerification(
        backup.clusterId(),
        backup.backupId(),
        passed,
        detail,
        operationId,
        Workflow.currentTimeMillis());
  }
}
