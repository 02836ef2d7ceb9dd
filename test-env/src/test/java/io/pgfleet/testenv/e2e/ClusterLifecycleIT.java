package io.pgfleet.testenv.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.BindRequest;
import io.pgfleet.workflows.cluster.BindingCredentials;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.cluster.ClusterPhase;
import io.pgfleet.workflows.cluster.ClusterView;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.ClusterWorkflowInput;
import io.pgfleet.workflows.cluster.DeprovisionRequest;
import io.pgfleet.workflows.cluster.ProvisionRequest;
import io.pgfleet.workflows.cluster.UnbindRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster's whole life through the real control-plane worker and the cluster workflow, against
 * the local cloud: provision → bind → write through pgpool, read on the standby → unbind →
 * deprovision → nothing left.
 */
class ClusterLifecycleIT {

  /** Provisioning locally takes seconds; this bounds a broken run. */
  private static final Duration PHASE_BOUND = Duration.ofMinutes(3);

  private static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void provisionBindUseUnbindDeprovision() throws Exception {
    String clusterId = UUID.randomUUID().toString();
    WorkflowClient client = SharedTemporal.get().client();
    ClusterWorkflow cluster =
        client.newWorkflowStub(
            ClusterWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                .setWorkflowId(ClusterWorkflow.workflowId(clusterId))
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    String provisionId = UUID.randomUUID().toString();
    WorkflowClient.executeUpdateWithStart(
        cluster::provision,
        new ProvisionRequest(
            provisionId, PlanCatalog.SERVICE_ID, PlanCatalog.SMALL.id(), Map.of(), Map.of()),
        UpdateOptions.<io.pgfleet.workflows.cluster.OperationReceipt>newBuilder()
            .setUpdateId(provisionId)
            .build(),
        new WithStartWorkflowOperation<>(cluster::run, ClusterWorkflowInput.fresh(clusterId)));

    ClusterView ready = awaitView(cluster, v -> v.phase() != ClusterPhase.PROVISIONING);
    assertThat(ready.phase()).as(ready.operations().toString()).isEqualTo(ClusterPhase.READY);
    assertThat(ready.endpoints()).hasSize(3);
    assertThat(cluster.operation(provisionId).state()).isEqualTo(OperationState.SUCCEEDED);
    String deployment = ClusterNaming.deployment(clusterId);
    List<LocalVm> vms = stack.cloud.vms(deployment);
    assertThat(vms).hasSize(5);

    BindingCredentials credentials = cluster.bind(new BindRequest("binding-1"));
    assertThat(credentials.hosts()).containsExactlyElementsOf(ready.endpoints());
    String marker = "row " + UUID.randomUUID();
    try (Connection app =
        DriverManager.getConnection(
            credentials.jdbcUrl(), credentials.username(), credentials.password())) {
      execute(app, "create table notes(text text)");
      execute(app, "insert into notes values ('" + marker + "')");
    }
    LocalVm standby = stack.cloud.vm(deployment, "postgres", 1).orElseThrow();
    assertThat(countOnStandbyEventually(standby.address(), credentials, marker)).isEqualTo(1);

    cluster.unbind(new UnbindRequest("binding-1"));
    assertThat(cluster.view().bindingIds()).isEmpty();

    String deprovisionId = UUID.randomUUID().toString();
    cluster.deprovision(new DeprovisionRequest(deprovisionId));
    WorkflowStub.fromTyped(cluster)
        .getResult(PHASE_BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS, Void.class);
    assertThat(stack.cloud.vms(deployment)).isEmpty();
    assertThat(stack.vmProcesses(vms)).isEmpty();
    assertThat(vms).allSatisfy(vm -> assertThat(vm.vmDir()).doesNotExist());
    assertThat(LocalStack.listOrEmpty(stack.stateDir.resolve("disks"))).isEmpty();
    assertThat(LocalStack.listOrEmpty(stack.stateDir.resolve("orphaned_disks"))).isEmpty();
  }

  private static ClusterView awaitView(ClusterWorkflow cluster, Predicate<ClusterView> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + PHASE_BOUND.toNanos();
    ClusterView view = cluster.view();
    while (!done.test(view) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      view = cluster.view();
    }
    return view;
  }

  /** Rows with the marker on the standby, once it has replayed them (bounded wait). */
  private static int countOnStandbyEventually(
      String standbyHost, BindingCredentials credentials, String marker) throws Exception {
    String url = "jdbc:postgresql://" + standbyHost + ":5432/" + credentials.database();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    try (Connection standby =
        DriverManager.getConnection(url, credentials.username(), credentials.password())) {
      while (true) {
        try (Statement s = standby.createStatement();
            ResultSet rs =
                s.executeQuery("select count(*) from notes where text = '" + marker + "'")) {
          rs.next();
          if (rs.getInt(1) > 0 || System.nanoTime() > deadline) {
            return rs.getInt(1);
          }
        } catch (java.sql.SQLException notYetReplayed) {
          if (System.nanoTime() > deadline) {
            throw notYetReplayed;
          }
        }
        Thread.sleep(100);
      }
    }
  }

  private static void execute(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
