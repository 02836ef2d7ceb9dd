package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ExternalWorkflowStub;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Tells the source cluster's workflow about the verification (Signal {@link
 * ClusterWorkflow#BACKUP_VERIFIED_SIGNAL}). The catalog already holds it, so a cluster that is gone
 * (deprovisioned meanwhile) or does not answer is only logged.
 */
final class ClusterReport {

  private static final Logger LOG = Workflow.getLogger(ClusterReport.class);

  private ClusterReport() {}

  static void send(StepRecorder recorder, BackupVerification verification) {
    String workflowId = ClusterWorkflow.workflowId(verification.clusterId());
    ExternalWorkflowStub cluster = Workflow.newUntypedExternalWorkflowStub(workflowId);
    try {
      recorder.step(
          "report to cluster",
          () -> {
            try {
              cluster.signal(ClusterWorkflow.BACKUP_VERIFIED_SIGNAL, verification);
            } catch (SignalExternalWorkflowException gone) {
              warn(verification, workflowId, gone.getMessage());
            }
          });
    } catch (TemporalFailure notDelivered) {
      warn(verification, workflowId, StepRecorder.rootMessage(notDelivered));
    }
  }

  private static void warn(BackupVerification verification, String workflowId, String why) {
    LOG.warn(
        "verification of backup {} not reported to {}: {}",
        verification.backupId(),
        workflowId,
        why);
  }
}
