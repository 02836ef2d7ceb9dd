package io.pgfleet.workflows.backup;

import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.queue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.iaas.CreateSnapshotRequest;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.iaas.SnapshotInfo;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.pgfleet.workflows.verify.BackupSqlActivities;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A time-skipping Temporal test server with the backup workflow on the control queue and Mockito
 * mocks for BOSH, the IaaS and the catalog there, and for the primary's host activities on its
 * node-agent queue. The mocks answer the happy path ({@link BackupFixture}) until a test says
 * otherwise; each createSnapshot call makes a new snapshot id.
 */
final class BackupCloud implements AutoCloseable {

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final BoshActivities bosh = mockPort(BoshActivities.class);
  final IaasActivities iaas = mockPort(IaasActivities.class);
  final BackupCatalogActivities catalog = mockPort(BackupCatalogActivities.class);
  final PostgresHostActivities primary = mockPort(PostgresHostActivities.class);
  final BackupSqlActivities sql = mockPort(BackupSqlActivities.class);
  private final AtomicInteger snapshots = new AtomicInteger();

  BackupCloud() {
    answerHappily();
    Worker control = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    control.registerWorkflowImplementationTypes(BackupWorkflowImpl.class);
    control.registerActivitiesImplementations(bosh, iaas, catalog, sql);
    env.newWorker(queue(PRIMARY_ID)).registerActivitiesImplementations(primary);
    env.start();
  }

  /** Without annotations: Temporal must see only the port interface, not Mockito's subclass. */
  private static <T> T mockPort(Class<T> port) {
    return mock(port, withSettings().withoutAnnotations());
  }

  private void answerHappily() {
    when(primary.status()).thenReturn(BackupFixture.primaryStatus());
    when(primary.archiveStatus()).thenReturn(BackupFixture.archiving());
    when(bosh.instances(any())).thenReturn(ClusterFixture.instances());
    when(primary.startBackup(any())).thenAnswer(call -> BackupFixture.start(call.getArgument(0)));
    when(primary.stopBackup(anyString()))
        .thenAnswer(call -> BackupFixture.stop(call.getArgument(0)));
    when(primary.pgbackrestBackup(any()))
        .thenAnswer(call -> BackupFixture.pgBackRest(call.getArgument(0)));
    when(iaas.createSnapshot(any()))
        .thenAnswer(
            call ->
                BackupFixture.snapshot(
                    "snap-" + snapshots.incrementAndGet(),
                    call.<CreateSnapshotRequest>getArgument(0).diskCid(),
                    SnapshotInfo.PENDING));
    when(iaas.awaitSnapshot(anyString()))
        .thenAnswer(
            call ->
                BackupFixture.snapshot(
                    call.getArgument(0), BackupFixture.PRIMARY_DISK, SnapshotInfo.COMPLETED));
  }

  BackupWorkflow stub(String workflowId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            BackupWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                .build());
  }

  WorkflowExecutionHistory history(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId);
  }

  @Override
  public void close() {
    env.close();
  }
}
