package io.pgfleet.gateway.clusters;

import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.verify.VerifyBackupInput;
import java.util.Optional;

/**
 * The backup workflows the gateway runs beside the clusters' own: a verification of one backup, and
 * the short read of what a cluster's WAL archive covers.
 */
public interface BackupWorkflows {

  /**
   * What the cluster's archive holds, from a short ArchiveCoverageWorkflow run.
   *
   * @throws UnavailableException when no answer came in time or Temporal cannot be reached
   * @throws OperationFailedException when the workflow failed (e.g. the object store refused)
   */
  ArchiveCoverage archiveCoverage(String clusterId);

  /**
   * Starts a VerifyBackupWorkflow for the backup; returns once Temporal accepted the start.
   *
   * @param workflowId chosen by the caller, unique per verification
   * @throws UnavailableException when Temporal cannot be reached
   */
  void startVerification(String workflowId, VerifyBackupInput input);

  /** How a verification stands; empty when Temporal knows no such workflow (any more). */
  Optional<VerificationState> verification(String workflowId);
}
