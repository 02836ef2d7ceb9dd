package io.pgfleet.gateway.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.BackupRequest;
import io.pgfleet.workflows.cluster.BindRequest;
import io.pgfleet.workflows.cluster.BindingCredentials;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.cluster.ClusterPhase;
import io.pgfleet.workflows.cluster.ClusterView;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.DeprovisionRequest;
import io.pgfleet.workflows.cluster.FailoverRequest;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.ProvisionRequest;
import io.pgfleet.workflows.cluster.RestoreRequest;
import io.pgfleet.workflows.cluster.SwitchoverRequest;
import io.pgfleet.workflows.cluster.UnbindRequest;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TemporalClusterOperations against Temporal's in-process test server and a fake ClusterWorkflow
 * that follows the real contract (validators, message categories, child operation workflows).
 */
class TemporalClusterOperationsTest {

  /** Children start within milliseconds on the in-process server; this bounds a broken test. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TestWorkflowEnvironment env;
  private static WorkflowClient client;
  private static TemporalClusterOperations operations;

  @BeforeAll
  static void startTemporal() {
    env = TestWorkflowEnvironment.newInstance();
    env.registerSearchAttribute("PgClusterId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("PgPlan", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    Worker worker = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        FakeClusterWorkflowImpl.class, FakeOperationWorkflowImpl.class);
    env.start();
    client = env.getWorkflowClient();
    operations = new TemporalClusterOperations(client);
  }

  @AfterAll
  static void stopTemporal() {
    env.close();
  }

  @Test
  void provisionStartsTheWorkflowWithSearchAttributesAndShowsLiveSteps() {
    String cluster = newId();
    String op = newId();

    OperationReceipt receipt =
        operations.provision(cluster, provision(op, PlanCatalog.MEDIUM.id()));

    assertThat(receipt).isEqualTo(new OperationReceipt(op, false));
    WorkflowExecutionDescription description =
        client.newUntypedWorkflowStub(ClusterWorkflow.workflowId(cluster)).describe();
    assertThat(description.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(description.getTypedSearchAttributes().get(TemporalClusterOperations.CLUSTER_ID))
        .isEqualTo(cluster);
    assertThat(description.getTypedSearchAttributes().get(TemporalClusterOperations.PLAN))
        .isEqualTo("medium");
    // The same operation id again is the same Update: Temporal answers it from the first one.
    assertThat(operations.provision(cluster, provision(op, PlanCatalog.MEDIUM.id())))
        .isEqualTo(receipt);

    OperationView live = awaitOperation(cluster, op, v -> v.steps().size() == 2);
    assertThat(live.type()).isEqualTo(OperationType.PROVISION);
    assertThat(live.state()).isEqualTo(OperationState.IN_PROGRESS);
    assertThat(live.steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                FakeOperationWorkflowImpl.FIRST_STEP, OperationState.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple(
                FakeOperationWorkflowImpl.SECOND_STEP, OperationState.IN_PROGRESS));

    finish(cluster, op, true);
    OperationView done = awaitOperation(cluster, op, v -> v.state().finished());
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.steps()).allMatch(s -> s.finishedAtMillis() != null);
    assertThat(operations.view(cluster)).map(ClusterView::phase).contains(ClusterPhase.READY);
  }

  @Test
  void rejectedUpdatesBecomeTypedExceptions() {
    String cluster = readyCluster();

    assertThatThrownBy(
            () -> operations.provision(cluster, provision(newId(), PlanCatalog.LARGE.id())))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "cluster " + cluster + " is already provisioned with plan " + PlanCatalog.SMALL.id());
    assertThatThrownBy(() -> operations.provision(newId(), provision(newId(), "no-such-plan")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("unknown plan no-such-plan");
    assertThatThrownBy(() -> operations.unbind(cluster, newId(), new UnbindRequest("nobody")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("binding nobody");

    String provisioning = newId();
    operations.provision(provisioning, provision(newId(), PlanCatalog.SMALL.id()));
    assertThatThrownBy(() -> operations.bind(provisioning, newId(), new BindRequest("b1")))
        .isInstanceOf(ConcurrencyException.class)
        .hasMessageContaining("PROVISIONING");
    assertThatThrownBy(() -> operations.deprovision(provisioning, new DeprovisionRequest(newId())))
        .isInstanceOf(ConcurrencyException.class);
  }

  @Test
  void failoverRunsAsAnOperationAndOnlyOneAtATime() {
    String cluster = readyCluster();
    String op = newId();

    OperationReceipt receipt =
        operations.failover(cluster, new FailoverRequest(op, "api", "host maintenance"));

    assertThat(receipt).isEqualTo(new OperationReceipt(op, false));
    OperationView running =
        awaitOperation(cluster, op, v -> v.state() == OperationState.IN_PROGRESS);
    assertThat(running.type()).isEqualTo(OperationType.FAILOVER);
    assertThat(operations.view(cluster))
        .map(ClusterView::phase)
        .contains(ClusterPhase.FAILING_OVER);
    assertThatThrownBy(
            () -> operations.failover(cluster, new FailoverRequest(newId(), "api", null)))
        .isInstanceOf(ConcurrencyException.class)
        .hasMessage("cluster " + cluster + " is FAILING_OVER");

    finish(cluster, op, true);
    awaitOperation(cluster, op, v -> v.state().finished());
    assertThat(operations.view(cluster)).map(ClusterView::phase).contains(ClusterPhase.READY);
  }

  @Test
  void aBackupRunsAsAnOperationAndIsListed() {
    String cluster = readyCluster();
    String op = newId();

    assertThat(operations.backup(cluster, new BackupRequest(op, BackupMode.COPY)))
        .isEqualTo(new OperationReceipt(op, false));
    awaitOperation(cluster, op, v -> v.state() == OperationState.IN_PROGRESS);
    assertThatThrownBy(
            () -> operations.backup(cluster, new BackupRequest(newId(), BackupMode.SNAPSHOT)))
        .isInstanceOf(ConcurrencyException.class)
        .hasMessage("cluster " + cluster + " is BACKING_UP");

    finish(cluster, op, true);
    awaitOperation(cluster, op, v -> v.state().finished());
    assertThat(operations.backups(cluster))
        .singleElement()
        .satisfies(b -> assertThat(b.status()).isEqualTo(OperationState.SUCCEEDED))
        .satisfies(b -> assertThat(b.mode()).isEqualTo(BackupMode.COPY))
        .satisfies(b -> assertThat(b.stopLsn()).isEqualTo("0/5000138"));
    String ghost = newId();
    assertThatThrownBy(() -> operations.backups(ghost)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void restoreAndSwitchoverRunAsOperationsOneAtATime() {
    String cluster = readyCluster();
    String restore = newId();

    assertThat(
            operations.restore(
                cluster, new RestoreRequest(restore, null, RecoveryTarget.latest(), "api")))
        .isEqualTo(new OperationReceipt(restore, false));
    OperationView running =
        awaitOperation(cluster, restore, v -> v.state() == OperationState.IN_PROGRESS);
    assertThat(running.type()).isEqualTo(OperationType.RESTORE);
    assertThatThrownBy(
            () -> operations.switchover(cluster, new SwitchoverRequest(newId(), "api", null)))
        .isInstanceOf(ConcurrencyException.class)
        .hasMessage("cluster " + cluster + " runs a RESTORE");

    finish(cluster, restore, true);
    awaitOperation(cluster, restore, v -> v.state().finished());
    String switchover = newId();
    assertThat(operations.switchover(cluster, new SwitchoverRequest(switchover, "api", "patch")))
        .isEqualTo(new OperationReceipt(switchover, false));
    assertThat(awaitOperation(cluster, switchover, v -> true).type())
        .isEqualTo(OperationType.SWITCHOVER);
  }

  @Test
  void restoreRefusalsKeepTheirCategory() {
    String cluster = readyCluster();
    assertThatThrownBy(
            () ->
                operations.restore(
                    cluster,
                    new RestoreRequest(newId(), "no-such-backup", RecoveryTarget.latest(), "api")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("cluster " + cluster + " has no backup no-such-backup");

    String provisioning = newId();
    operations.provision(provisioning, provision(newId(), PlanCatalog.SMALL.id()));
    assertThatThrownBy(
            () ->
                operations.restore(
                    provisioning,
                    new RestoreRequest(newId(), null, RecoveryTarget.latest(), "api")))
        .isInstanceOf(ConcurrencyException.class);
    String ghost = newId();
    assertThatThrownBy(
            () -> operations.switchover(ghost, new SwitchoverRequest(newId(), "api", null)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("cluster " + ghost + " does not exist");
  }

  @Test
  void failoverOfAClusterThatCannotFailOverIsRefused() {
    String provisioning = newId();
    operations.provision(provisioning, provision(newId(), PlanCatalog.SMALL.id()));
    assertThatThrownBy(
            () -> operations.failover(provisioning, new FailoverRequest(newId(), "api", null)))
        .isInstanceOf(ConcurrencyException.class);

    String ghost = newId();
    assertThatThrownBy(() -> operations.failover(ghost, new FailoverRequest(newId(), "api", null)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("cluster " + ghost + " does not exist");
  }

  @Test
  void aClusterWithoutWorkflowIsNotFound() {
    String ghost = newId();

    assertThat(operations.view(ghost)).isEmpty();
    assertThatThrownBy(() -> operations.operation(ghost, newId()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> operations.deprovision(ghost, new DeprovisionRequest(newId())))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("cluster " + ghost + " does not exist");
    assertThatThrownBy(() -> operations.bind(ghost, newId(), new BindRequest("b")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void bindIsRepeatableAndDeprovisionEndsTheWorkflow() {
    String cluster = readyCluster();

    BindingCredentials first = operations.bind(cluster, newId(), new BindRequest("app1"));
    BindingCredentials again = operations.bind(cluster, newId(), new BindRequest("app1"));
    assertThat(again).isEqualTo(first);
    operations.unbind(cluster, newId(), new UnbindRequest("app1"));
    assertThat(operations.view(cluster).orElseThrow().bindingIds()).isEmpty();

    String op = newId();
    assertThat(operations.deprovision(cluster, new DeprovisionRequest(op)).operationId())
        .isEqualTo(op);
    assertThat(operations.operation(cluster, op)).isPresent();
    finish(cluster, op, true);
    client.newUntypedWorkflowStub(ClusterWorkflow.workflowId(cluster)).getResult(Void.class);

    // A completed workflow still answers queries; new commands find no cluster to act on.
    assertThat(operations.view(cluster)).map(ClusterView::phase).contains(ClusterPhase.DELETED);
    assertThatThrownBy(() -> operations.deprovision(cluster, new DeprovisionRequest(newId())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anUnreachableServiceIsUnavailable() {
    var stubs =
        io.temporal.serviceclient.WorkflowServiceStubs.newServiceStubs(
            io.temporal.serviceclient.WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:1") // nothing listens on port 1
                .setSystemInfoTimeout(Duration.ofMillis(500))
                .setRpcRetryOptions(
                    io.temporal.serviceclient.RpcRetryOptions.newBuilder()
                        .setExpiration(Duration.ofSeconds(1))
                        .validateBuildWithDefaults())
                .build());
    try {
      var unreachable = new TemporalClusterOperations(WorkflowClient.newInstance(stubs));
      assertThatThrownBy(
              () -> unreachable.provision(newId(), provision(newId(), PlanCatalog.SMALL.id())))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("could not be delivered");
    } finally {
      stubs.shutdownNow();
    }
  }

  private static String readyCluster() {
    String cluster = newId();
    String op = newId();
    operations.provision(cluster, provision(op, PlanCatalog.SMALL.id()));
    awaitOperation(cluster, op, v -> v.state() == OperationState.IN_PROGRESS);
    finish(cluster, op, true);
    awaitOperation(cluster, op, v -> v.state().finished());
    return cluster;
  }

  private static void finish(String cluster, String op, boolean succeed) {
    client
        .newWorkflowStub(
            FakeOperationWorkflow.class, ClusterNaming.operationWorkflowId(cluster, op))
        .finish(succeed);
  }

  private static OperationView awaitOperation(
      String cluster, String op, java.util.function.Predicate<OperationView> condition) {
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> operations.operation(cluster, op).orElse(null),
            v -> v != null && condition.test(v));
  }

  private static ProvisionRequest provision(String op, String planId) {
    return new ProvisionRequest(op, PlanCatalog.SERVICE_ID, planId, Map.of(), Map.of(), null);
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
