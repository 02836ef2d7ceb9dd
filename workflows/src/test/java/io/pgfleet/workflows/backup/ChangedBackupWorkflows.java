package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.StartBackupInput;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.workflow.Workflow;

/** Backup implementations changed without versioning: each must fail to replay a stored history. */
final class ChangedBackupWorkflows {

  private ChangedBackupWorkflows() {}

  /** Starts and stops the backup before anything else: another activity where status was. */
  public static final class StopBeforeSnapshot implements BackupWorkflow {

    @Override
    public BackupResult backup(BackupInput input) {
      Topology topology = input.topology();
      PostgresHostActivities host =
          Workflow.newActivityStub(
              PostgresHostActivities.class,
              ActivityPolicies.onHost(topology.taskQueue(topology.primary())));
      host.startBackup(new StartBackupInput(input.backupId(), "label"));
      host.stopBackup(input.backupId());
      return null;
    }

    @Override
    public OperationView progress() {
      return null;
    }
  }
}
