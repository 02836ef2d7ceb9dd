package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.StepRecorder;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.verify.BackupSqlActivities;
import io.pgfleet.workflows.verify.SentinelInput;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * The sentinel row a backup writes on the primary just before it starts, which a verification looks
 * for in the restored copy. Versioned: backups recorded before this step replay without it.
 */
final class BackupSentinelStep {

  static final String CHANGE_ID = "backup-sentinel";
  static final int WRITES_SENTINEL = 1;

  private static final Logger LOG = Workflow.getLogger(BackupSentinelStep.class);

  private BackupSentinelStep() {}

  static void write(StepRecorder recorder, BackupInput input) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, WRITES_SENTINEL)
        < WRITES_SENTINEL) {
      return;
    }
    if (input.secrets() == null) {
      LOG.warn(
          "backup {} of cluster {}: no cluster passwords given, no sentinel row written",
          input.backupId(),
          input.clusterId());
      return;
    }
    BackupSqlActivities sql =
        Workflow.newActivityStub(BackupSqlActivities.class, ActivityPolicies.SQL);
    PostgresEndpoint primary =
        new PostgresEndpoint(
            input.topology().primary().address(),
            Topology.POSTGRES_PORT,
            input.secrets().superuserPassword());
    recorder.step(
        "write sentinel", () -> sql.writeSentinel(new SentinelInput(primary, input.backupId())));
  }
}
