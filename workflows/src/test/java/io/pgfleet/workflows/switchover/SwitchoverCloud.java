package io.pgfleet.workflows.switchover;

import static io.pgfleet.workflows.provision.ClusterFixture.CLUSTER_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PGPOOL_IDS;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.SECRETS;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.queue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.host.AwaitWalInput.Mark;
import io.pgfleet.workflows.host.CleanStop;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.host.RejoinResult;
import io.pgfleet.workflows.host.WriteHold;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.stream.IntStream;
import org.mockito.ArgumentMatchers;

/**
 * A time-skipping Temporal test server running the switchover workflow on the control queue, with
 * one Mockito mock of the host activities per VM on that VM's node-agent queue, answering as a
 * healthy cluster (postgres/0 primary, postgres/1 streaming 4096 bytes behind) until a test says
 * otherwise.
 */
final class SwitchoverCloud implements AutoCloseable {

  static final String OPERATION_ID = "op-switchover";
  static final long ONE_MIB = 1024 * 1024;
  static final String FLUSH_LSN = "0/3000100";
  static final String SHUTDOWN_CHECKPOINT = "0/3000128";

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final PostgresHostActivities primaryHost = mockPort(PostgresHostActivities.class);
  final PostgresHostActivities standbyHost = mockPort(PostgresHostActivities.class);
  final List<PgpoolHostActivities> pgpools =
      IntStream.range(0, PGPOOL_IDS.size())
          .mapToObj(i -> mockPort(PgpoolHostActivities.class))
          .toList();

  SwitchoverCloud() {
    answerAsAHealthyCluster();
    env.newWorker(ClusterWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(SwitchoverWorkflowImpl.class);
    env.newWorker(queue(PRIMARY_ID)).registerActivitiesImplementations(primaryHost);
    env.newWorker(queue(STANDBY_ID)).registerActivitiesImplementations(standbyHost);
    for (int i = 0; i < PGPOOL_IDS.size(); i++) {
      env.newWorker(queue(PGPOOL_IDS.get(i))).registerActivitiesImplementations(pgpools.get(i));
    }
    env.start();
  }

  /** Without annotations: Temporal must see only the port interface, not Mockito's subclass. */
  private static <T> T mockPort(Class<T> port) {
    return mock(port, withSettings().withoutAnnotations());
  }

  private void answerAsAHealthyCluster() {
    when(primaryHost.status()).thenReturn(primary(1));
    when(primaryHost.checkpoint()).thenReturn(primary(1));
    when(primaryHost.holdWrites()).thenReturn(new WriteHold(FLUSH_LSN, 1));
    when(primaryHost.stopCleanly()).thenReturn(new CleanStop(SHUTDOWN_CHECKPOINT, 1));
    when(primaryHost.start()).thenReturn(primary(1));
    when(primaryHost.releaseWrites()).thenReturn(primary(1));
    when(primaryHost.rejoinAsStandby(any()))
        .thenReturn(new RejoinResult(standby(0, 2), RejoinResult.Method.REWOUND));
    when(standbyHost.status()).thenReturn(standby(4096, 1));
    when(standbyHost.awaitWal(any())).thenReturn(standby(0, 1));
    when(standbyHost.promote(any())).thenReturn(primary(2));
    for (PgpoolHostActivities pgpool : pgpools) {
      when(pgpool.switchPrimary(any())).thenReturn(pgpool());
      when(pgpool.attachBackend(anyInt())).thenReturn(pgpool());
    }
  }

  static SwitchoverInput input() {
    return new SwitchoverInput(
        CLUSTER_ID,
        OPERATION_ID,
        ClusterFixture.topology(),
        SECRETS,
        ONE_MIB,
        PlanCatalog.SMALL.postgresParameters());
  }

  static PostgresNodeStatus primary(int timeline) {
    return new PostgresNodeStatus(
        "postgres", 5432, PostgresRole.PRIMARY, timeline, FLUSH_LSN, FLUSH_LSN, 0, false, 3);
  }

  static PostgresNodeStatus standby(long lagBytes, int timeline) {
    return new PostgresNodeStatus(
        "postgres",
        5432,
        PostgresRole.STANDBY,
        timeline,
        FLUSH_LSN,
        "0/3000000",
        lagBytes,
        true,
        0);
  }

  /** A standby whose WAL receiver does not stream (its primary's address changed, say). */
  static PostgresNodeStatus notStreaming() {
    return new PostgresNodeStatus(
        "postgres", 5432, PostgresRole.STANDBY, 1, FLUSH_LSN, FLUSH_LSN, 0, false, 0);
  }

  static PgpoolNodeStatus pgpool() {
    return new PgpoolNodeStatus("pgpool", 9999, true, List.of());
  }

  static ApplicationFailure failure(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, "HOST_STATE_CONFLICT");
  }

  static io.pgfleet.workflows.host.AwaitWalInput awaiting(Mark mark) {
    return ArgumentMatchers.argThat(in -> in != null && in.mark() == mark);
  }

  SwitchoverResult run(String workflowId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            SwitchoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                .build())
        .switchover(input());
  }

  WorkflowExecutionHistory history(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId);
  }

  @Override
  public void close() {
    env.close();
  }
}
