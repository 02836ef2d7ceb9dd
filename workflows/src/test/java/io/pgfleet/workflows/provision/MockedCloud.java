package io.pgfleet.workflows.provision;

import static io.pgfleet.workflows.provision.ClusterFixture.DONE;
import static io.pgfleet.workflows.provision.ClusterFixture.MANIFEST;
import static io.pgfleet.workflows.provision.ClusterFixture.PGPOOL_IDS;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.queue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.pgfleet.workflows.backup.ArchiveRepositoryActivities;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.ManifestActivities;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.deprovision.DeprovisionWorkflow;
import io.pgfleet.workflows.deprovision.DeprovisionWorkflowImpl;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.postgres.PostgresSqlActivities;
import io.pgfleet.workflows.postgres.ReplicationCheck;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A time-skipping Temporal test server with the operation workflows on the control task queue and
 * Mockito mocks for every port: BOSH, manifests and SQL on the control queue, one host-activity
 * mock per VM on that VM's node-agent queue. Mocks answer the happy path until a test says
 * otherwise.
 */
public final class MockedCloud implements AutoCloseable {

  public final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  public final BoshActivities bosh = mockPort(BoshActivities.class);
  public final ManifestActivities manifests = mockPort(ManifestActivities.class);
  public final PostgresSqlActivities sql = mockPort(PostgresSqlActivities.class);
  public final ArchiveRepositoryActivities archiveRepository =
      mockPort(ArchiveRepositoryActivities.class);
  public final PostgresHostActivities primaryHost = mockPort(PostgresHostActivities.class);
  public final PostgresHostActivities standbyHost = mockPort(PostgresHostActivities.class);
  public final List<PgpoolHostActivities> pgpoolHosts =
      IntStream.range(0, PGPOOL_IDS.size())
          .mapToObj(i -> mockPort(PgpoolHostActivities.class))
          .toList();

  public MockedCloud() {
    answerHappily();
    Worker control = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    control.registerWorkflowImplementationTypes(
        ProvisionWorkflowImpl.class, DeprovisionWorkflowImpl.class);
    control.registerActivitiesImplementations(bosh, manifests, sql, archiveRepository);
    env.newWorker(queue(PRIMARY_ID)).registerActivitiesImplementations(primaryHost);
    env.newWorker(queue(STANDBY_ID)).registerActivitiesImplementations(standbyHost);
    for (int i = 0; i < PGPOOL_IDS.size(); i++) {
      env.newWorker(queue(PGPOOL_IDS.get(i))).registerActivitiesImplementations(pgpoolHosts.get(i));
    }
    env.start();
  }

  /** Without annotations: Temporal must see only the port interface, not Mockito's subclass. */
  private static <T> T mockPort(Class<T> port) {
    return mock(port, withSettings().withoutAnnotations());
  }

  private void answerHappily() {
    when(manifests.renderCluster(any())).thenReturn(MANIFEST);
    // No backup repository unless a test configures one: provisioning then skips archiving.
    when(archiveRepository.settingsFor(any())).thenReturn(Optional.empty());
    when(bosh.deploy(any())).thenReturn(DONE);
    when(bosh.instances(any())).thenReturn(ClusterFixture.instances());
    when(bosh.deleteDeployment(any())).thenReturn(DONE);
    when(bosh.deleteOrphanedDisks(any())).thenReturn(2);
    when(primaryHost.bootstrapPrimary(any())).thenReturn(postgres(PostgresRole.PRIMARY));
    when(standbyHost.buildStandby(any())).thenReturn(postgres(PostgresRole.STANDBY));
    for (PgpoolHostActivities pgpool : pgpoolHosts) {
      when(pgpool.configure(any()))
          .thenReturn(new PgpoolNodeStatus("pgpool", 9999, true, List.of()));
    }
    when(sql.verifyReplication(any())).thenReturn(new ReplicationCheck(3, 12));
  }

  private static PostgresNodeStatus postgres(PostgresRole role) {
    return new PostgresNodeStatus("postgres", 5432, role, 1, "0/3000060", "0/3000060", 0, true, 0);
  }

  public ProvisionWorkflow provisionStub(String workflowId) {
    return env.getWorkflowClient().newWorkflowStub(ProvisionWorkflow.class, options(workflowId));
  }

  public DeprovisionWorkflow deprovisionStub(String workflowId) {
    return env.getWorkflowClient().newWorkflowStub(DeprovisionWorkflow.class, options(workflowId));
  }

  public WorkflowExecutionHistory history(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId);
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
        .build();
  }

  @Override
  public void close() {
    env.close();
  }
}
