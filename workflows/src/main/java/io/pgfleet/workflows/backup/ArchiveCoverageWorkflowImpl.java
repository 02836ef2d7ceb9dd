package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.workflow.Workflow;

public class ArchiveCoverageWorkflowImpl implements ArchiveCoverageWorkflow {

  /** One listing of the stanza's archive: seconds, retried through a store's blip. */
  private final BackupCatalogActivities catalog =
      Workflow.newActivityStub(BackupCatalogActivities.class, ActivityPolicies.QUICK);

  @Override
  public ArchiveCoverage coverage(String clusterId) {
    return catalog.archiveCoverage(clusterId);
  }
}
