package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.workflow.Workflow;

/** Verification implementations changed without versioning: each must fail to replay. */
final class ChangedVerifyWorkflows {

  private ChangedVerifyWorkflows() {}

  /** Lists the backups, then checks a primary it never provisioned nor restored. */
  public static final class CheckWithoutRestore implements VerifyBackupWorkflow {

    @Override
    public VerifyBackupResult verify(VerifyBackupInput input) {
      Workflow.newActivityStub(BackupCatalogActivities.class, ActivityPolicies.QUICK)
          .list(input.clusterId());
      Workflow.newActivityStub(BackupSqlActivities.class, ActivityPolicies.SQL)
          .checkRestored(new RestoreCheckInput(null, "b-3"));
      return null;
    }

    @Override
    public OperationView progress() {
      return null;
    }
  }
}
