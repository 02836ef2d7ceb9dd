package io.pgfleet.workflows.restore;

import static io.pgfleet.workflows.provision.ClusterFixture.PGPOOL_IDS;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.queue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.pgfleet.workflows.backup.ArchiveRepositoryActivities;
import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.backup.BackupRef;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.iaas.CreateVolumeRequest;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.iaas.VolumeInfo;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A time-skipping Temporal test server with the restore workflow on the control queue beside
 * Mockito mocks of BOSH, the IaaS, the catalog and the repository, and one host mock per VM on its
 * node-agent queue. The mocks answer a healthy cluster and the catalog of {@link RestoreFixture}
 * (for any cluster id) until a test says otherwise; a volume is named after its client token's
 * node, e.g. vol-postgres_0.
 */
final class RestoreCloud implements AutoCloseable {

  static final String ZONE = "z1";

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final BoshActivities bosh = mockPort(BoshActivities.class);
  final IaasActivities iaas = mockPort(IaasActivities.class);
  final BackupCatalogActivities catalog = mockPort(BackupCatalogActivities.class);
  final ArchiveRepositoryActivities repository = mockPort(ArchiveRepositoryActivities.class);
  final PostgresHostActivities primary = mockPort(PostgresHostActivities.class);
  final PostgresHostActivities standby = mockPort(PostgresHostActivities.class);
  final List<PgpoolHostActivities> pgpools =
      IntStream.range(0, PGPOOL_IDS.size())
          .mapToObj(i -> mockPort(PgpoolHostActivities.class))
          .toList();

  RestoreCloud() {
    answerHappily();
    Worker control = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    control.registerWorkflowImplementationTypes(RestoreWorkflowImpl.class);
    control.registerActivitiesImplementations(bosh, iaas, catalog, repository);
    env.newWorker(queue(PRIMARY_ID)).registerActivitiesImplementations(primary);
    env.newWorker(queue(STANDBY_ID)).registerActivitiesImplementations(standby);
    for (int i = 0; i < PGPOOL_IDS.size(); i++) {
      env.newWorker(queue(PGPOOL_IDS.get(i))).registerActivitiesImplementations(pgpools.get(i));
    }
    env.start();
  }

  /** Without annotations: Temporal must see only the port interface, not Mockito's subclass. */
  private static <T> T mockPort(Class<T> port) {
    return mock(port, withSettings().withoutAnnotations());
  }

  private void answerHappily() {
    when(catalog.list(anyString())).thenAnswer(call -> RestoreFixture.catalog(call.getArgument(0)));
    when(catalog.get(any()))
        .thenAnswer(
            call -> {
              BackupRef ref = call.getArgument(0);
              return RestoreFixture.catalog(ref.clusterId()).stream()
                  .filter(b -> b.backupId().equals(ref.backupId()))
                  .findFirst();
            });
    when(catalog.archiveCoverage(anyString()))
        .thenAnswer(call -> RestoreFixture.coverage(call.getArgument(0)));
    when(repository.settingsFor(anyString()))
        .thenAnswer(call -> Optional.of(RestoreFixture.settings(call.getArgument(0))));
    when(bosh.instances(any())).thenReturn(ClusterFixture.instances());
    when(bosh.changeInstanceState(any())).thenReturn(ClusterFixture.DONE);
    when(bosh.attachDisk(any())).thenReturn(ClusterFixture.DONE);
    when(bosh.deleteOrphanedDisks(any())).thenReturn(2);
    when(iaas.volume(anyString()))
        .thenAnswer(call -> volume(call.getArgument(0), null, VolumeInfo.IN_USE));
    when(iaas.createVolumeFromSnapshot(any()))
        .thenAnswer(
            call -> {
              CreateVolumeRequest request = call.getArgument(0);
              String token = request.clientToken();
              String node = token.substring(token.lastIndexOf('/') + 1);
              return volume("vol-" + node, request.snapshotId(), VolumeInfo.AVAILABLE);
            });
    when(primary.awaitRecovery()).thenReturn(RestoreFixture.RECOVERED);
    for (PgpoolHostActivities pgpool : pgpools) {
      when(pgpool.attachBackend(anyInt()))
          .thenReturn(new PgpoolNodeStatus("pgpool", 9999, true, List.of()));
    }
  }

  static VolumeInfo volume(String id, String snapshotId, String state) {
    return new VolumeInfo(id, snapshotId, ZONE, state, 10, null, Map.of());
  }

  RestoreResult run(String workflowId, RestoreInput input) {
    return stub(workflowId).restore(input);
  }

  RestoreWorkflow stub(String workflowId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            RestoreWorkflow.class,
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
