package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static io.pgfleet.workflows.cluster.ClusterTestEnv.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.provision.ProvisionInput;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterWorkflowProvisionTest {

  private final ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class);

  @AfterEach
  void stop() {
    t.close();
  }

  @Test
  void provisionRunsTheChildAndTheClusterBecomesReady() {
    ClusterWorkflow cluster = t.start();

    OperationReceipt receipt = cluster.provision(provision("op-1", PlanCatalog.SMALL));

    assertThat(receipt).isEqualTo(new OperationReceipt("op-1", false));
    ClusterView view = t.awaitPhase(ClusterPhase.READY);
    assertThat(view.nodes())
        .extracting(NodeView::name, NodeView::role, NodeView::host, NodeView::port, NodeView::state)
        .containsExactly(
            tuple("postgres/0", NodeRole.PRIMARY, "10.244.0.10", 5432, "running"),
            tuple("postgres/1", NodeRole.STANDBY, "10.244.0.11", 5432, "running"),
            tuple("pgpool/0", NodeRole.PGPOOL, "10.244.0.20", 9999, "running"),
            tuple("pgpool/1", NodeRole.PGPOOL, "10.244.0.21", 9999, "running"),
            tuple("pgpool/2", NodeRole.PGPOOL, "10.244.0.22", 9999, "running"));
    assertThat(view.endpoints()).isEqualTo(TestTopologies.ENDPOINTS);
    assertThat(view.planId()).isEqualTo(PlanCatalog.SMALL.id());
    assertThat(view.serviceId()).isEqualTo(PlanCatalog.SERVICE_ID);
    assertThat(view.context()).containsEntry("space_guid", "space-1");
    OperationView operation = cluster.operation("op-1");
    assertThat(operation.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(operation.steps())
        .extracting(StepView::name)
        .containsExactly("deploy VMs", "mark done", "ensure backup schedules");
    assertThat(view.operations()).containsExactly(operation);
    assertThat(cluster.operation("no-such-operation")).isNull();
  }

  @Test
  void theChildGetsThePlanDeploymentAndFreshSecrets() {
    t.start().provision(provision("op-1", PlanCatalog.MEDIUM));
    t.awaitPhase(ClusterPhase.READY);

    assertThat(t.script.provisionInputs).hasSize(1);
    ProvisionInput input = t.script.provisionInputs.get(0);
    assertThat(input.clusterId()).isEqualTo(ClusterTestEnv.CLUSTER_ID);
    assertThat(input.operationId()).isEqualTo("op-1");
    assertThat(input.deployment()).isEqualTo("pgfleet-" + ClusterTestEnv.CLUSTER_ID);
    assertThat(input.plan()).isEqualTo(PlanCatalog.MEDIUM);
    ClusterSecrets secrets = input.secrets();
    assertThat(
            java.util.List.of(
                secrets.superuserPassword(), secrets.replicationPassword(), secrets.pcpPassword()))
        .allMatch(p -> p.matches("[0-9a-f]{64}"))
        .doesNotHaveDuplicates();
    assertThat(t.script.childWorkflowIds).containsExactly("cluster/c-0001/op/op-1");
    StartChildWorkflowExecutionInitiatedEventAttributes start =
        t.client.fetchHistory(ClusterTestEnv.WORKFLOW_ID).getEvents().stream()
            .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
            .map(HistoryEvent::getStartChildWorkflowExecutionInitiatedEventAttributes)
            .findFirst()
            .orElseThrow();
    assertThat(start.getTaskQueue().getName()).isEqualTo(ClusterWorkflow.TASK_QUEUE);
    assertThat(start.getParentClosePolicy())
        .isEqualTo(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL);
  }

  @Test
  void queriesAnswerWhileTheChildRuns() {
    t.script.provision = Behaviour.HOLD;
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));

    OperationView live = t.childProgress("op-1");
    assertThat(live.steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(tuple("deploy VMs", OperationState.IN_PROGRESS));
    ClusterView view = cluster.view();
    assertThat(view.phase()).isEqualTo(ClusterPhase.PROVISIONING);
    assertThat(view.nodes()).isEmpty();
    assertThat(view.endpoints()).isEmpty();
    assertThat(cluster.operation("op-1").state()).isEqualTo(OperationState.IN_PROGRESS);

    t.release("op-1");
    t.awaitPhase(ClusterPhase.READY);
    assertThat(cluster.operation("op-1").state()).isEqualTo(OperationState.SUCCEEDED);
  }

  @Test
  void failedProvisionLeavesTheClusterFailedWithTheReasonAndItCanBeDeprovisioned() {
    t.script.provision = Behaviour.fail("BOSH task 42 failed: no capacity");
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));

    ClusterView view = t.awaitPhase(ClusterPhase.FAILED);
    OperationView failed = cluster.operation("op-1");
    assertThat(failed.state()).isEqualTo(OperationState.FAILED);
    assertThat(failed.error()).isEqualTo("BOSH task 42 failed: no capacity");
    assertThat(failed.description()).contains("BOSH task 42 failed: no capacity");
    assertThat(failed.finishedAtMillis()).isNotNull();
    assertThat(view.nodes()).isEmpty();
    assertThat(rejection(() -> cluster.provision(provision("op-2", PlanCatalog.SMALL))))
        .startsWith("conflict:");

    assertThat(cluster.deprovision(new DeprovisionRequest("op-3")))
        .isEqualTo(new OperationReceipt("op-3", false));
    t.awaitCompletion();
    assertThat(t.script.deprovisionInputs)
        .singleElement()
        .satisfies(
            input -> {
              assertThat(input.topology()).isNull();
              assertThat(input.bindingUsernames()).isEmpty();
            });
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.DELETED);
  }

  @Test
  void aFailedChildThatReportsItsStepsKeepsThemInTheRecord() {
    t.script.provision = new Behaviour(false, "deploy failed: no capacity", true);
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));

    t.awaitPhase(ClusterPhase.FAILED);
    OperationView failed = cluster.operation("op-1");
    assertThat(failed.state()).isEqualTo(OperationState.FAILED);
    assertThat(failed.error()).isEqualTo("deploy failed: no capacity");
    assertThat(failed.steps())
        .extracting(StepView::name, StepView::state, StepView::error)
        .containsExactly(tuple("deploy VMs", OperationState.FAILED, "deploy failed: no capacity"));
  }

  @Test
  void aProvisionWithOtherAttributesIsAConflict() {
    t.script.provision = Behaviour.HOLD;
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));

    assertThat(rejection(() -> cluster.provision(provision("op-2", PlanCatalog.LARGE))))
        .startsWith("conflict:")
        .contains("plan small");
    t.release("op-1");
    t.awaitPhase(ClusterPhase.READY);
    ProvisionRequest otherParameters =
        new ProvisionRequest(
            "op-3",
            PlanCatalog.SERVICE_ID,
            PlanCatalog.SMALL.id(),
            Map.of("x", "y"),
            Map.of(),
            null);
    assertThat(rejection(() -> cluster.provision(otherParameters))).startsWith("conflict:");
    assertThat(t.script.provisionInputs).hasSize(1);
  }

  @Test
  void unknownPlansAndServicesAreRejected() {
    ClusterWorkflow cluster = t.start();
    ProvisionRequest unknownPlan =
        new ProvisionRequest(
            "op-1", PlanCatalog.SERVICE_ID, "no-such-plan", Map.of(), Map.of(), null);
    ProvisionRequest unknownService =
        new ProvisionRequest(
            "op-1", "other-service", PlanCatalog.SMALL.id(), Map.of(), Map.of(), null);

    assertThat(rejection(() -> cluster.provision(unknownPlan)))
        .isEqualTo("unknown plan id no-such-plan of service " + PlanCatalog.SERVICE_ID);
    assertThat(rejection(() -> cluster.provision(unknownService)))
        .startsWith("unknown service id other-service");
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.NEW);
    assertThat(cluster.view().operations()).isEmpty();
  }

  @Test
  void anIdenticalProvisionIsAnsweredAsADuplicateOfTheFirst() {
    t.script.provision = Behaviour.HOLD;
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));

    assertThat(cluster.provision(provision("op-1", PlanCatalog.SMALL)))
        .isEqualTo(new OperationReceipt("op-1", true));
    assertThat(cluster.provision(provision("op-2", PlanCatalog.SMALL)))
        .isEqualTo(new OperationReceipt("op-1", true));
    t.release("op-1");
    t.awaitPhase(ClusterPhase.READY);
    assertThat(cluster.provision(provision("op-4", PlanCatalog.SMALL)))
        .isEqualTo(new OperationReceipt("op-1", true));
    assertThat(t.script.provisionInputs).hasSize(1);
    assertThat(cluster.view().operations())
        .extracting(OperationView::operationId)
        .containsExactly("op-1");
  }
}
