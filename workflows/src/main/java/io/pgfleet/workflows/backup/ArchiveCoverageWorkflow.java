package io.pgfleet.workflows.backup;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Reads a cluster's WAL archive coverage ({@link BackupCatalogActivities#archiveCoverage}) on the
 * control-plane worker, which holds the repository's keys, so the gateway can show a cluster's
 * latest restorable time without S3 credentials of its own. Read-only and short: start it with a
 * fresh id and wait for the result.
 */
@WorkflowInterface
public interface ArchiveCoverageWorkflow {

  @WorkflowMethod
  ArchiveCoverage coverage(String clusterId);
}
