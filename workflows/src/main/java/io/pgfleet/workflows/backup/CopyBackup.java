package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PgBackRestBackup;
import io.pgfleet.workflows.host.PgBackRestBackupInput;
import io.pgfleet.workflows.host.PgBackRestBackupType;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.workflow.Workflow;

/**
 * Copy mode: a pgBackRest backup on the primary into the stanza it archives to. Nothing to roll
 * back: pgBackRest resumes or expires an interrupted backup set itself.
 */
final class CopyBackup {

  private final BackupInput input;
  private final StepRecorder recorder;
  private final PostgresHostActivities host;

  CopyBackup(BackupInput input, StepRecorder recorder) {
    this.input = input;
    this.recorder = recorder;
    Topology topology = input.topology();
    this.host =
        Workflow.newActivityStub(
            PostgresHostActivities.class,
            BackupPolicies.pgBackRestBackup(topology.taskQueue(topology.primary())));
  }

  BackupRecord run(String stanza) {
    PgBackRestBackupType type =
        input.copyType() == null ? PgBackRestBackupType.FULL : input.copyType();
    PgBackRestBackup backup =
        recorder.step(
            "pgBackRest " + type.option() + " backup",
            () -> host.pgbackrestBackup(new PgBackRestBackupInput(input.backupId(), type)));
    return BackupRecords.copy(input, stanza, backup, Workflow.currentTimeMillis());
  }
}
