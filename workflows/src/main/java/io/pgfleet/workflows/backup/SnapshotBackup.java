package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.BackupStart;
import io.pgfleet.workflows.host.BackupStop;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.StartBackupInput;
import io.pgfleet.workflows.iaas.CreateSnapshotRequest;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.iaas.SnapshotInfo;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Snapshot mode: pg_backup_start on a session the primary's agent keeps, an IaaS snapshot of the
 * primary's disk, pg_backup_stop on the same session, then the snapshot completed. The snapshot's
 * point in time lies between start and stop, which is all a restore needs (the backup label says
 * where to begin replay); stop does not wait for the snapshot to complete.
 *
 * <p>When the agent lost the session (it restarted, or pg_backup_stop failed), PostgreSQL abandoned
 * that backup: the attempt's snapshot is deleted and a new backup starts under a new session name,
 * at most {@link #MAX_ATTEMPTS} times. Compensations of the attempt that holds (abandon the
 * session, delete the snapshot) stay registered until the workflow succeeds or rolls back.
 */
final class SnapshotBackup {

  /** A lost session is rare (an agent restart); three in a row mean something else is wrong. */
  static final int MAX_ATTEMPTS = 3;

  static final String TAG_CLUSTER = "pgfleet:cluster";
  static final String TAG_BACKUP = "pgfleet:backup";

  private static final Logger LOG = Workflow.getLogger(SnapshotBackup.class);

  private final BackupInput input;
  private final StepRecorder recorder;
  private final PostgresHostActivities host;
  private final PostgresHostActivities hostStop;
  private final IaasActivities iaas =
      Workflow.newActivityStub(IaasActivities.class, BackupPolicies.QUICK);
  private final IaasActivities iaasCreate =
      Workflow.newActivityStub(IaasActivities.class, BackupPolicies.CREATE_SNAPSHOT);
  private final IaasActivities iaasAwait =
      Workflow.newActivityStub(IaasActivities.class, BackupPolicies.AWAIT_SNAPSHOT);
  private Rollback attemptRollback = new Rollback();

  SnapshotBackup(BackupInput input, StepRecorder recorder) {
    this.input = input;
    this.recorder = recorder;
    Topology topology = input.topology();
    String queue = topology.taskQueue(topology.primary());
    this.host = Workflow.newActivityStub(PostgresHostActivities.class, BackupPolicies.host(queue));
    this.hostStop =
        Workflow.newActivityStub(PostgresHostActivities.class, BackupPolicies.stopBackup(queue));
  }

  BackupRecord run(String stanza, PrimaryDisk disk) {
    for (int attempt = 1; ; attempt++) {
      attemptRollback = new Rollback();
      try {
        return attempt(attempt, stanza, disk);
      } catch (ActivityFailure failure) {
        if (attempt >= MAX_ATTEMPTS || !sessionLost(failure)) {
          throw failure;
        }
        LOG.warn(
            "backup {} of cluster {}: session lost in attempt {}, starting over: {}",
            input.backupId(),
            input.clusterId(),
            attempt,
            StepRecorder.rootMessage(failure));
        List<String> problems = attemptRollback.run();
        if (!problems.isEmpty()) {
          LOG.warn("backup {}: rollback of attempt {}: {}", input.backupId(), attempt, problems);
        }
      }
    }
  }

  /**
   * Undoes the attempt that holds: abandons its session if not stopped, deletes its snapshot.
   * Returns why any of that failed.
   */
  List<String> compensate() {
    return attemptRollback.run();
  }

  private BackupRecord attempt(int attempt, String stanza, PrimaryDisk disk) {
    String session = BackupNaming.session(input.backupId(), attempt);
    String suffix = attempt == 1 ? "" : " (attempt " + attempt + ")";
    boolean[] stopped = {false};
    String[] snapshotId = {null};
    attemptRollback.add(
        () -> {
          if (!stopped[0]) {
            recorder.step("rollback: abandon backup" + suffix, () -> host.abortBackup(session));
          }
        });
    BackupStart start =
        recorder.step(
            "start backup" + suffix,
            () ->
                host.startBackup(
                    new StartBackupInput(session, BackupNaming.label(input.clusterId(), session))));
    // Registered before the call: a retried CreateSnapshot may have made the snapshot already.
    attemptRollback.add(
        () -> {
          if (snapshotId[0] != null) {
            recorder.step(
                "rollback: delete snapshot " + snapshotId[0],
                () -> iaas.deleteSnapshot(snapshotId[0]));
          }
        });
    SnapshotInfo created =
        recorder.step(
            "snapshot primary disk" + suffix,
            () -> iaasCreate.createSnapshot(snapshotRequest(session, disk)));
    snapshotId[0] = created.snapshotId();
    BackupStop stop = recorder.step("stop backup" + suffix, () -> hostStop.stopBackup(session));
    stopped[0] = true;
    SnapshotInfo done =
        recorder.step(
            "await snapshot" + suffix, () -> iaasAwait.awaitSnapshot(created.snapshotId()));
    return BackupRecords.snapshot(input, stanza, start, stop, done, Workflow.currentTimeMillis());
  }

  private CreateSnapshotRequest snapshotRequest(String session, PrimaryDisk disk) {
    ClusterNode primary = input.topology().primary();
    return new CreateSnapshotRequest(
        disk.diskCid(),
        "pgfleet base backup "
            + input.backupId()
            + " of "
            + input.clusterId()
            + " "
            + primary.name(),
        Map.of(TAG_CLUSTER, input.clusterId(), TAG_BACKUP, input.backupId()),
        session);
  }

  private static boolean sessionLost(TemporalFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app
        && FailureType.BACKUP_SESSION_LOST.name().equals(app.getType());
  }
}
