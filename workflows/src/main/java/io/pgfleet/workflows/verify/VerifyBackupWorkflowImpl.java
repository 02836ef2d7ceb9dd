package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupRef;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.Comparator;
import org.slf4j.Logger;

/**
 * Chooses the backup (INVALID_INPUT and nothing created when it cannot be restored), provisions a
 * throw-away cluster, restores the backup into it up to the backup's stop LSN, checks the restored
 * primary, records the verification in the catalog, tells the source cluster, and deprovisions the
 * throw-away cluster in a detached scope whatever happened. A failed restore or check is a recorded
 * FAILED verification; a failed provision, catalog write or deprovision fails the workflow with
 * OPERATION_FAILED (details: the OperationView).
 */
public final class VerifyBackupWorkflowImpl implements VerifyBackupWorkflow {

  private static final Logger LOG = Workflow.getLogger(VerifyBackupWorkflowImpl.class);

  private final BackupCatalogActivities catalog =
      Workflow.newActivityStub(BackupCatalogActivities.class, ActivityPolicies.QUICK);
  private final String operationId;
  private final StepRecorder recorder;

  @WorkflowInit
  public VerifyBackupWorkflowImpl(VerifyBackupInput input) {
    operationId = operationId(input);
    recorder = new StepRecorder(operationId, input.clusterId(), OperationType.VERIFY_BACKUP);
  }

  @Override
  public VerifyBackupResult verify(VerifyBackupInput input) {
    if (input.clusterId() == null || input.clusterId().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no cluster id given for the backup verification", FailureType.INVALID_INPUT.name());
    }
    BackupRecord backup = recorder.step("choose backup", () -> choose(input));
    ThrowAwayCluster throwAway = new ThrowAwayCluster(operationId);
    VerifyRun run = new VerifyRun(recorder, throwAway, backup, operationId);
    TemporalFailure infrastructure = null;
    String reason = null;
    BackupVerification verification = null;
    try {
      verification = run.verify(plan(input));
      BackupVerification recorded = verification;
      recorder.step("record verification", () -> catalog.putVerification(recorded));
      ClusterReport.send(recorder, recorded);
    } catch (TemporalFailure failure) {
      infrastructure = failure;
      reason = recorder.currentStep() + " failed: " + StepRecorder.rootMessage(failure);
    }
    String cleanupProblem = run.cleanUp();
    if (infrastructure != null || cleanupProblem != null) {
      throw failed(infrastructure, reason, cleanupProblem);
    }
    recorder.succeeded();
    LOG.info("verification {}: {}", operationId, verification.detail());
    return new VerifyBackupResult(verification, recorder.view());
  }

  @Override
  public OperationView progress() {
    return recorder.view();
  }

  private BackupRecord choose(VerifyBackupInput input) {
    if (input.backupId() == null) {
      return BackupChoice.newest(input.clusterId(), catalog.list(input.clusterId()));
    }
    BackupRecord named =
        catalog.get(new BackupRef(input.clusterId(), input.backupId())).orElse(null);
    return BackupChoice.named(input.clusterId(), input.backupId(), named);
  }

  private ApplicationFailure failed(TemporalFailure cause, String reason, String cleanupProblem) {
    String error =
        reason == null
            ? cleanupProblem
            : cleanupProblem == null ? reason : reason + "; " + cleanupProblem;
    recorder.failed(error);
    OperationView view = recorder.view();
    return ApplicationFailure.newNonRetryableFailureWithCause(
        error, FailureType.OPERATION_FAILED.name(), cause, view);
  }

  /** The smallest plan unless the input names one: the check needs data, not speed. */
  static Plan plan(VerifyBackupInput input) {
    if (input.plan() != null) {
      return input.plan();
    }
    return PlanCatalog.PLANS.stream()
        .min(Comparator.comparingInt(Plan::memoryMb).thenComparingInt(Plan::diskMb))
        .orElseThrow();
  }

  /**
   * The input's, or one derived from the workflow id (a Schedule's run has none): only characters
   * safe in child workflow ids and BOSH context ids are kept.
   */
  static String operationId(VerifyBackupInput input) {
    if (input.operationId() != null && !input.operationId().isBlank()) {
      return input.operationId();
    }
    return Workflow.getInfo().getWorkflowId().replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
