package io.pgfleet.workflows.verify;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupPoint;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupStatus;
import io.pgfleet.workflows.backup.SnapshotDetails;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.deprovision.DeprovisionWorkflow;
import io.pgfleet.workflows.provision.ProvisionWorkflow;
import io.pgfleet.workflows.restore.RestoreWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Optional;

/**
 * A time-skipping Temporal test server with the verification workflow, fake children ({@link
 * FakeChildren}, scripted by {@link #script}) and Mockito mocks of the catalog and the SQL checks
 * on the control queue. The catalog holds {@link #backups()}; the checks pass until a test says
 * otherwise.
 */
final class VerifyCloud implements AutoCloseable {

  static final String CLUSTER_ID = "c-7f3a";
  static final String NEWEST = "b-3";
  static final String OLDER = "b-1";
  static final String FAILED = "b-2";
  static final String NEWEST_STOP_LSN = "0/9000138";
  static final long NEWEST_STOP_AT = 1_718_200_000_000L;

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final BackupCatalogActivities catalog = mockPort(BackupCatalogActivities.class);
  final BackupSqlActivities sql = mockPort(BackupSqlActivities.class);
  final VerifyScript script = new VerifyScript();

  VerifyCloud() {
    when(catalog.list(CLUSTER_ID)).thenReturn(backups());
    for (BackupRecord backup : backups()) {
      when(catalog.get(backup.ref())).thenReturn(Optional.of(backup));
    }
    when(sql.checkRestored(any())).thenReturn(new RestoreCheck(2, 7, 1_234, true, List.of()));
    Worker control = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    control.registerWorkflowImplementationTypes(VerifyBackupWorkflowImpl.class);
    control.registerWorkflowImplementationFactory(
        ProvisionWorkflow.class, () -> new FakeChildren.Provision(script));
    control.registerWorkflowImplementationFactory(
        RestoreWorkflow.class, () -> new FakeChildren.Restore(script));
    control.registerWorkflowImplementationFactory(
        DeprovisionWorkflow.class, () -> new FakeChildren.Deprovision(script));
    control.registerWorkflowImplementationFactory(
        FakeChildren.SourceCluster.class, () -> new FakeChildren.Source(script));
    control.registerActivitiesImplementations(catalog, sql);
    env.start();
  }

  /** Oldest first, as the catalog lists them: a completed one, a failed one, the newest. */
  static List<BackupRecord> backups() {
    return List.of(
        backup(OLDER, BackupStatus.COMPLETED, "0/5000138", NEWEST_STOP_AT - 86_400_000),
        backup(FAILED, BackupStatus.FAILED, null, NEWEST_STOP_AT - 3_600_000),
        backup(NEWEST, BackupStatus.COMPLETED, NEWEST_STOP_LSN, NEWEST_STOP_AT));
  }

  static BackupRecord backup(String id, BackupStatus status, String stopLsn, long stopAt) {
    boolean done = status == BackupStatus.COMPLETED;
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        id,
        CLUSTER_ID,
        BackupMode.SNAPSHOT,
        status,
        CLUSTER_ID,
        done ? null : "snapshot failed",
        done ? 1 : null,
        done ? new BackupPoint("0/5000028", "000000010000000000000005", stopAt - 2_000) : null,
        done ? new BackupPoint(stopLsn, "000000010000000000000009", stopAt) : null,
        done ? 31_000_000L : null,
        done ? new SnapshotDetails(List.of("snap-" + id), "disk-1", 10, "label", null) : null,
        null,
        "test",
        stopAt + 1_000);
  }

  /** Starts the source cluster's workflow, so the verification's Signal has a receiver. */
  void startSourceCluster() {
    FakeChildren.SourceCluster source =
        env.getWorkflowClient()
            .newWorkflowStub(
                FakeChildren.SourceCluster.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(ClusterWorkflow.workflowId(CLUSTER_ID))
                    .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                    .build());
    WorkflowClient.start(source::run);
  }

  VerifyBackupWorkflow stub(String workflowId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            VerifyBackupWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                .build());
  }

  WorkflowExecutionHistory history(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId);
  }

  /** Without annotations: Temporal must see only the port interface, not Mockito's subclass. */
  private static <T> T mockPort(Class<T> port) {
    return mock(port, withSettings().withoutAnnotations());
  }

  @Override
  public void close() {
    env.close();
  }
}
