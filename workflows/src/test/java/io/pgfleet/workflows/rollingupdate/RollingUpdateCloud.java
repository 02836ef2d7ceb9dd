package io.pgfleet.workflows.rollingupdate;

import static io.pgfleet.workflows.provision.ClusterFixture.CLUSTER_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.DEPLOYMENT;
import static io.pgfleet.workflows.provision.ClusterFixture.DONE;
import static io.pgfleet.workflows.provision.ClusterFixture.MANIFEST;
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

import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.IgnoreInstanceRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.ManifestActivities;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PgpoolWatchdogStatus;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.postgres.PostgresSqlActivities;
import io.pgfleet.workflows.postgres.ShowSettingsInput;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.pgfleet.workflows.switchover.SwitchoverOutcome;
import io.pgfleet.workflows.switchover.SwitchoverWorkflow;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A time-skipping Temporal test server running the rolling update with Mockito mocks of BOSH, the
 * manifest renderer, SQL and each VM's node agent, and a fake switchover child. Every mock logs
 * what it was asked into {@link #events} (e.g. "bosh restart pgpool/1", "postgres/1 buildStandby"),
 * so a test reads the whole order of one run. Answers as a healthy cluster until a test says
 * otherwise.
 */
final class RollingUpdateCloud implements AutoCloseable {

  static final String OPERATION_ID = "op-rolling";
  static final Plan PLAN = PlanCatalog.SMALL;
  static final Map<String, String> EXTRA = Map.of("work_mem", "8MB");

  static final PgpoolWatchdogStatus JOINED =
      new PgpoolWatchdogStatus(true, 2, 2, PgpoolWatchdogStatus.QUORUM_EXISTS, "10.244.0.20");

  final List<String> events = Collections.synchronizedList(new ArrayList<>());
  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final BoshActivities bosh = mockPort(BoshActivities.class);
  final ManifestActivities manifests = mockPort(ManifestActivities.class);
  final PostgresSqlActivities sql = mockPort(PostgresSqlActivities.class);
  final PostgresHostActivities primaryHost = mockPort(PostgresHostActivities.class);
  final PostgresHostActivities standbyHost = mockPort(PostgresHostActivities.class);
  final List<PgpoolHostActivities> pgpools =
      IntStream.range(0, PGPOOL_IDS.size())
          .mapToObj(i -> mockPort(PgpoolHostActivities.class))
          .toList();
  private SwitchoverOutcome switchoverOutcome = SwitchoverOutcome.SWITCHED_OVER;

  RollingUpdateCloud() {
    answerAsAHealthyCluster();
    var control = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    control.registerWorkflowImplementationTypes(RollingUpdateWorkflowImpl.class);
    control.registerWorkflowImplementationFactory(
        SwitchoverWorkflow.class, () -> new FakeSwitchover(events, switchoverOutcome));
    control.registerActivitiesImplementations(bosh, manifests, sql);
    env.newWorker(queue(PRIMARY_ID)).registerActivitiesImplementations(primaryHost);
    env.newWorker(queue(STANDBY_ID)).registerActivitiesImplementations(standbyHost);
    for (int i = 0; i < PGPOOL_IDS.size(); i++) {
      env.newWorker(queue(PGPOOL_IDS.get(i))).registerActivitiesImplementations(pgpools.get(i));
    }
    env.start();
  }

  void switchoverEnds(SwitchoverOutcome outcome) {
    switchoverOutcome = outcome;
  }

  private static <T> T mockPort(Class<T> port) {
    return mock(port, withSettings().withoutAnnotations());
  }

  private void answerAsAHealthyCluster() {
    when(manifests.renderCluster(any()))
        .thenAnswer(
            inv -> {
              events.add("render " + inv.getArgument(0, Object.class).toString().contains("8MB"));
              return MANIFEST;
            });
    when(bosh.deploy(any()))
        .thenAnswer(
            inv -> {
              events.add("bosh deploy");
              return DONE;
            });
    org.mockito.Mockito.doAnswer(
            inv -> {
              IgnoreInstanceRequest r = inv.getArgument(0);
              events.add("bosh " + (r.ignore() ? "ignore " : "unignore ") + name(r.instanceId()));
              return null;
            })
        .when(bosh)
        .ignoreInstance(any());
    when(bosh.changeInstanceState(any()))
        .thenAnswer(
            inv -> {
              InstanceStateRequest r = inv.getArgument(0);
              events.add("bosh " + r.state().wireName() + " " + name(r.instance()));
              return DONE;
            });
    when(sql.showSettings(any()))
        .thenAnswer(
            inv -> {
              ShowSettingsInput in = inv.getArgument(0);
              Map<String, String> shown = new LinkedHashMap<>();
              in.names().forEach(n -> shown.put(n, effective().get(n)));
              return shown;
            });
    postgres(primaryHost, "postgres/0");
    postgres(standbyHost, "postgres/1");
    for (int i = 0; i < pgpools.size(); i++) {
      PgpoolHostActivities pgpool = pgpools.get(i);
      String name = "pgpool/" + i;
      when(pgpool.stop()).thenAnswer(inv -> log(name + " stop", pgpool(false, "primary")));
      when(pgpool.configure(any()))
          .thenAnswer(inv -> log(name + " configure", pgpool(true, "primary")));
      when(pgpool.status()).thenReturn(pgpool(true, "primary"));
      when(pgpool.watchdog()).thenReturn(JOINED);
      when(pgpool.attachBackend(anyInt()))
          .thenAnswer(inv -> log(name + " attach " + inv.getArgument(0), pgpool(true, "primary")));
    }
  }

  private void postgres(PostgresHostActivities host, String name) {
    when(host.stop(any())).thenAnswer(inv -> log(name + " stop", standby(false)));
    when(host.buildStandby(any()))
        .thenAnswer(
            inv ->
                log(
                    name
                        + " buildStandby from "
                        + inv.getArgument(0, io.pgfleet.workflows.host.BuildStandbyInput.class)
                            .primaryHost()
                        + " work_mem="
                        + inv.getArgument(0, io.pgfleet.workflows.host.BuildStandbyInput.class)
                            .parameters()
                            .get("work_mem"),
                    standby(true)));
    when(host.status()).thenReturn(standby(true));
  }

  private <T> T log(String event, T answer) {
    events.add(event);
    return answer;
  }

  static Map<String, String> effective() {
    Map<String, String> all = new LinkedHashMap<>(PLAN.postgresParameters());
    all.putAll(EXTRA);
    return all;
  }

  /** "pgpool/1" for an instance id of the fixture. */
  static String name(String instanceId) {
    if (instanceId.equals(PRIMARY_ID)) {
      return "postgres/0";
    }
    if (instanceId.equals(STANDBY_ID)) {
      return "postgres/1";
    }
    return "pgpool/" + PGPOOL_IDS.indexOf(instanceId);
  }

  static PostgresNodeStatus standby(boolean streaming) {
    return new PostgresNodeStatus(
        "postgres", 5432, PostgresRole.STANDBY, 1, "0/3000100", "0/3000100", 0, streaming, 0);
  }

  /** Backend 0 (postgres/0) primary before the switchover; the test's routing answer. */
  static PgpoolNodeStatus pgpool(boolean running, String role0) {
    return new PgpoolNodeStatus(
        "pgpool",
        9999,
        running,
        List.of(
            new PgpoolBackendStatus(0, "10.244.0.10", 5432, "up", role0),
            new PgpoolBackendStatus(1, "10.244.0.11", 5432, "up", "standby")));
  }

  static RollingUpdateInput input(boolean recreate, int currentDiskMb) {
    return new RollingUpdateInput(
        CLUSTER_ID,
        OPERATION_ID,
        DEPLOYMENT,
        ClusterFixture.topology(),
        SECRETS,
        currentDiskMb,
        PLAN,
        EXTRA,
        recreate);
  }

  RollingUpdateResult run(String workflowId) {
    return run(workflowId, input(false, PLAN.diskMb()));
  }

  RollingUpdateResult run(String workflowId, RollingUpdateInput input) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            RollingUpdateWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                .build())
        .update(input);
  }

  WorkflowExecutionHistory history(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId);
  }

  @Override
  public void close() {
    env.close();
  }
}
