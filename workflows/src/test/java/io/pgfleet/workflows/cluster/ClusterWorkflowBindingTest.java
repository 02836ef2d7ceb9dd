package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static io.pgfleet.workflows.cluster.ClusterTestEnv.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.postgres.BindingRoleInput;
import io.pgfleet.workflows.postgres.DropBindingRoleInput;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterWorkflowBindingTest {

  private static final String BINDING_ID = "3f2a9c10-0b1e-4d7a-9c55-1f0e2d3c4b5a";
  private static final String USERNAME = "b_3f2a9c10_0b1e_4d7a_9c55_1f0e2d3c4b5a";
  private static final String HOSTS = "10.244.0.20:9999,10.244.0.21:9999,10.244.0.22:9999";

  private static final long PATIENCE_SECONDS = 20;

  private final ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class);

  @AfterEach
  void stop() {
    t.close();
  }

  private ClusterWorkflow readyCluster() {
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    t.awaitPhase(ClusterPhase.READY);
    return cluster;
  }

  private PostgresEndpoint primary() {
    String superuser = t.script.provisionInputs.get(0).secrets().superuserPassword();
    return new PostgresEndpoint(TestTopologies.PRIMARY_ADDRESS, 5432, superuser);
  }

  @Test
  void bindCreatesARoleAndAnswersWithConnectionsThroughEveryPgpool() {
    ClusterWorkflow cluster = readyCluster();

    BindingCredentials credentials = cluster.bind(new BindRequest(BINDING_ID));

    String password = credentials.password();
    assertThat(password).matches("[0-9a-f]{64}");
    assertThat(credentials.username()).isEqualTo(USERNAME);
    assertThat(credentials.database()).isEqualTo("app");
    assertThat(credentials.hosts()).isEqualTo(TestTopologies.ENDPOINTS);
    assertThat(credentials.uri())
        .isEqualTo(
            "postgresql://"
                + USERNAME
                + ":"
                + password
                + "@"
                + HOSTS
                + "/app?target_session_attrs=read-write");
    assertThat(credentials.jdbcUrl()).isEqualTo("jdbc:postgresql://" + HOSTS + "/app");
    verify(t.sql)
        .ensureBindingRole(new BindingRoleInput(primary(), "app", "app_owner", USERNAME, password));
    ClusterView view = cluster.view();
    assertThat(view.bindingIds()).containsExactly(BINDING_ID);
    OperationView bind = view.operations().get(1);
    assertThat(bind.type()).isEqualTo(OperationType.BIND);
    assertThat(bind.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(bind.steps())
        .singleElement()
        .satisfies(step -> assertThat(step.name()).contains(USERNAME).contains(BINDING_ID));
  }

  @Test
  void aRepeatedBindAnswersWithTheSameCredentialsWithoutTouchingTheDatabase() {
    ClusterWorkflow cluster = readyCluster();
    BindingCredentials first = cluster.bind(new BindRequest(BINDING_ID));

    BindingCredentials again = cluster.bind(new BindRequest(BINDING_ID));

    assertThat(again).isEqualTo(first);
    assertThat(again.password()).isEqualTo(first.password());
    verify(t.sql, times(1)).ensureBindingRole(any());
    assertThat(cluster.view().operations())
        .filteredOn(o -> o.type() == OperationType.BIND)
        .hasSize(1);
  }

  @Test
  void whileARoleIsBeingCreatedARepeatWaitsAndContradictionsAreRejected() throws Exception {
    ClusterWorkflow cluster = readyCluster();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            call -> {
              entered.countDown();
              assertThat(release.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
              return null;
            })
        .when(t.sql)
        .ensureBindingRole(any());

    WorkflowUpdateHandle<BindingCredentials> first = startBind();
    assertThat(entered.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    WorkflowUpdateHandle<BindingCredentials> repeat = startBind();

    OperationView running = cluster.view().operations().get(1);
    assertThat(running.type()).isEqualTo(OperationType.BIND);
    assertThat(running.state()).isEqualTo(OperationState.IN_PROGRESS);
    assertThat(running.steps())
        .singleElement()
        .extracting(step -> step.state())
        .isEqualTo(OperationState.IN_PROGRESS);
    assertThat(rejection(() -> cluster.unbind(new UnbindRequest(BINDING_ID))))
        .isEqualTo("concurrency: binding " + BINDING_ID + " is being created");
    assertThat(rejection(() -> cluster.deprovision(new DeprovisionRequest("op-2"))))
        .startsWith("concurrency:");
    release.countDown();

    assertThat(repeat.getResult(PATIENCE_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(first.getResult(PATIENCE_SECONDS, TimeUnit.SECONDS));
    verify(t.sql, times(1)).ensureBindingRole(any());
  }

  /** Returns once the workflow accepted the bind, while its handler may still be working. */
  private WorkflowUpdateHandle<BindingCredentials> startBind() {
    return t.client
        .newUntypedWorkflowStub(ClusterTestEnv.WORKFLOW_ID)
        .startUpdate(
            "bind",
            WorkflowUpdateStage.ACCEPTED,
            BindingCredentials.class,
            new BindRequest(BINDING_ID));
  }

  @Test
  void unbindDropsTheRoleAndForgetsTheBinding() {
    ClusterWorkflow cluster = readyCluster();
    cluster.bind(new BindRequest(BINDING_ID));

    cluster.unbind(new UnbindRequest(BINDING_ID));

    verify(t.sql)
        .dropBindingRole(new DropBindingRoleInput(primary(), "app", "app_owner", USERNAME));
    assertThat(cluster.view().bindingIds()).isEmpty();
    assertThat(cluster.view().operations())
        .extracting(OperationView::type, OperationView::state)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(
                OperationType.PROVISION, OperationState.SUCCEEDED),
            org.assertj.core.api.Assertions.tuple(OperationType.BIND, OperationState.SUCCEEDED),
            org.assertj.core.api.Assertions.tuple(OperationType.UNBIND, OperationState.SUCCEEDED));
    assertThat(rejection(() -> cluster.unbind(new UnbindRequest(BINDING_ID))))
        .isEqualTo("not found: binding " + BINDING_ID + " of cluster c-0001");
  }

  @Test
  void unbindingAnUnknownBindingIsNotFound() {
    ClusterWorkflow cluster = readyCluster();

    assertThat(rejection(() -> cluster.unbind(new UnbindRequest("nobody"))))
        .isEqualTo("not found: binding nobody of cluster c-0001");
  }

  @Test
  void bindWhileProvisioningIsAConcurrencyError() {
    t.script.provision = Behaviour.HOLD;
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));

    assertThat(rejection(() -> cluster.bind(new BindRequest(BINDING_ID))))
        .isEqualTo("concurrency: cluster c-0001 is being provisioned");
    t.release("op-1");
    t.awaitPhase(ClusterPhase.READY);
    assertThat(cluster.bind(new BindRequest(BINDING_ID)).hosts()).hasSize(3);
  }

  @Test
  void aFailedRoleCreationFailsTheBindAndIsRecorded() {
    ClusterWorkflow cluster = readyCluster();
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "permission denied to create role", "HOST_STATE_CONFLICT"))
        .when(t.sql)
        .ensureBindingRole(any());

    assertThat(rejection(() -> cluster.bind(new BindRequest(BINDING_ID))))
        .isEqualTo("permission denied to create role");
    ClusterView view = cluster.view();
    assertThat(view.bindingIds()).isEmpty();
    OperationView bind = view.operations().get(1);
    assertThat(bind.state()).isEqualTo(OperationState.FAILED);
    assertThat(bind.error()).isEqualTo("permission denied to create role");
    // The failed Update failed only itself: the cluster still runs and can be deprovisioned.
    assertThat(cluster.deprovision(new DeprovisionRequest("op-2")).duplicate()).isFalse();
    t.awaitCompletion();
  }
}
