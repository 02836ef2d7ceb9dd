package io.pgfleet.workflows.backup.schedule;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.Optional;

/**
 * A time-skipping Temporal test server with the scheduled backup workflow on the control queue and
 * Mockito mocks for the cluster requests, the catalog and the IaaS. The cluster answers every
 * backup request with success until a test says otherwise.
 */
final class ScheduleCloud implements AutoCloseable {

  /** 2026-11-22T08:00:00Z: the run's operation id is derived from the workflow clock. */
  static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

  /** The node agent queue of the cluster's primary. */
  static final String PRIMARY_QUEUE = "node/c-1/postgres-0";

  final TestWorkflowEnvironment env =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder().setInitialTime(START).build());
  final ClusterRequestActivities clusters = mockPort(ClusterRequestActivities.class);
  final BackupCatalogActivities catalog = mockPort(BackupCatalogActivities.class);
  final IaasActivities iaas = mockPort(IaasActivities.class);
  final PostgresHostActivities primary = mockPort(PostgresHostActivities.class);

  ScheduleCloud() {
    when(clusters.requestBackup(anyString(), anyString()))
        .thenAnswer(
            call ->
                new RequestedBackup(
                    call.getArgument(0),
                    call.getArgument(1),
                    RequestedBackupOutcome.SUCCEEDED,
                    null));
    when(clusters.primaryTaskQueue(anyString())).thenReturn(Optional.of(PRIMARY_QUEUE));
    env.newWorker(PRIMARY_QUEUE).registerActivitiesImplementations(primary);
    Worker control = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    control.registerWorkflowImplementationTypes(ScheduledBackupWorkflowImpl.class);
    control.registerActivitiesImplementations(clusters, catalog, iaas);
    env.start();
  }

  /** Without annotations: Temporal must see only the port interface, not Mockito's subclass. */
  private static <T> T mockPort(Class<T> port) {
    return mock(port, withSettings().withoutAnnotations());
  }

  ScheduledBackupWorkflow stub(String workflowId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            ScheduledBackupWorkflow.class,
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
