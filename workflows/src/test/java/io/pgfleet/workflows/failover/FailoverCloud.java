package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.PRIMARY_VM;
import static io.pgfleet.workflows.failover.FailoverFixture.STANDBY_LAG;
import static io.pgfleet.workflows.provision.ClusterFixture.DONE;
import static io.pgfleet.workflows.provision.ClusterFixture.PGPOOL_IDS;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_IP;
import static io.pgfleet.workflows.provision.ClusterFixture.queue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.pgfleet.workflows.backup.ArchiveRepositoryActivities;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.RejoinResult;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.iaas.PowerState;
import io.pgfleet.workflows.postgres.PostgresSqlActivities;
import io.pgfleet.workflows.postgres.ProbeInput;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.mockito.ArgumentMatcher;

/**
 * A time-skipping Temporal test server running the failover workflow on the control queue, with
 * Mockito mocks for every port: BOSH, IaaS and SQL on the control queue, one host-activity mock per
 * VM on that VM's node-agent queue. The mocks answer as a cluster whose primary was killed, until a
 * test says otherwise. A VM named dead has no agent at all: its tasks are never taken.
 */
final class FailoverCloud implements AutoCloseable {

  final TestWorkflowEnvironment env;
  final BoshActivities bosh = mockPort(BoshActivities.class);
  final IaasActivities iaas = mockPort(IaasActivities.class);
  final PostgresSqlActivities sql = mockPort(PostgresSqlActivities.class);
  final ArchiveRepositoryActivities archiveRepository = mockPort(ArchiveRepositoryActivities.class);
  final PostgresHostActivities primaryHost = mockPort(PostgresHostActivities.class);
  final PostgresHostActivities standbyHost = mockPort(PostgresHostActivities.class);
  final List<PgpoolHostActivities> pgpools =
      IntStream.range(0, PGPOOL_IDS.size())
          .mapToObj(i -> mockPort(PgpoolHostActivities.class))
          .toList();

  FailoverCloud() {
    this(Set.of());
  }

  /**
   * @param deadInstanceIds VMs whose node agent does not run; with any, node-agent calls get a
   *     shorter schedule-to-start timeout ({@link QuickAgentPickup}) to keep the test fast
   */
  FailoverCloud(Set<String> deadInstanceIds) {
    env = TestWorkflowEnvironment.newInstance(options(deadInstanceIds));
    answerAsAKilledPrimary();
    var control = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    control.registerWorkflowImplementationTypes(FailoverWorkflowImpl.class);
    control.registerActivitiesImplementations(bosh, iaas, sql, archiveRepository);
    agent(PRIMARY_ID, primaryHost, deadInstanceIds);
    agent(STANDBY_ID, standbyHost, deadInstanceIds);
    for (int i = 0; i < PGPOOL_IDS.size(); i++) {
      agent(PGPOOL_IDS.get(i), pgpools.get(i), deadInstanceIds);
    }
    env.start();
  }

  private static TestEnvironmentOptions options(Set<String> deadInstanceIds) {
    WorkerFactoryOptions.Builder factory = WorkerFactoryOptions.newBuilder();
    if (!deadInstanceIds.isEmpty()) {
      factory.setWorkerInterceptors(new QuickAgentPickup());
    }
    return TestEnvironmentOptions.newBuilder().setWorkerFactoryOptions(factory.build()).build();
  }

  private void agent(String instanceId, Object activities, Set<String> dead) {
    if (!dead.contains(instanceId)) {
      env.newWorker(queue(instanceId)).registerActivitiesImplementations(activities);
    }
  }

  /** Without annotations: Temporal must see only the port interface, not Mockito's subclass. */
  private static <T> T mockPort(Class<T> port) {
    return mock(port, withSettings().withoutAnnotations());
  }

  private void answerAsAKilledPrimary() {
    // No backup repository unless a test configures one: no archiving step after promotion.
    when(archiveRepository.settingsFor(any())).thenReturn(java.util.Optional.empty());
    for (PgpoolHostActivities pgpool : pgpools) {
      when(pgpool.status()).thenReturn(FailoverFixture.pgpool("down"));
      when(pgpool.reroute(any())).thenReturn(FailoverFixture.pgpool("down"));
      when(pgpool.attachBackend(anyInt())).thenReturn(FailoverFixture.pgpool("up"));
    }
    when(sql.probe(argThat(probing(PRIMARY_IP)))).thenReturn(FailoverFixture.refused(PRIMARY_IP));
    when(sql.probe(argThat(probing(STANDBY_IP))))
        .thenReturn(FailoverFixture.inRecovery(STANDBY_IP, 1));
    when(standbyHost.status()).thenReturn(FailoverFixture.standby(STANDBY_LAG));
    when(standbyHost.promote(any())).thenReturn(FailoverFixture.primary(2));
    when(bosh.vms(any())).thenReturn(ClusterFixture.instances());
    when(bosh.changeInstanceState(any())).thenReturn(DONE);
    when(iaas.powerOff(any())).thenReturn(FailoverFixture.power(PRIMARY_VM, PowerState.STOPPED));
    when(iaas.powerState(any())).thenReturn(FailoverFixture.power(PRIMARY_VM, PowerState.STOPPED));
    when(primaryHost.rejoinAsStandby(any()))
        .thenReturn(new RejoinResult(FailoverFixture.standby(0), RejoinResult.Method.REWOUND));
  }

  static ArgumentMatcher<ProbeInput> probing(String host) {
    return input -> input != null && host.equals(input.node().host());
  }

  /** The failover input, pgpool/0 having reported the primary down just now. */
  FailoverInput input() {
    return FailoverFixture.input(false, env.currentTimeMillis());
  }

  FailoverInput manualInput() {
    return FailoverFixture.input(true, env.currentTimeMillis());
  }

  FailoverWorkflow stub(String workflowId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            FailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                .build());
  }

  FailoverResult run(String workflowId) {
    return stub(workflowId).failover(input());
  }

  WorkflowExecutionHistory history(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId);
  }

  @Override
  public void close() {
    env.close();
  }
}
