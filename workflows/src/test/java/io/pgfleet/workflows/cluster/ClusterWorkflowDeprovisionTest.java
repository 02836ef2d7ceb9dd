package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static io.pgfleet.workflows.cluster.ClusterTestEnv.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.deprovision.DeprovisionInput;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterWorkflowDeprovisionTest {

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

  @Test
  void deprovisionDeletesTheClusterAndTheWorkflowCompletes() {
    ClusterWorkflow cluster = readyCluster();
    BindingCredentials binding = cluster.bind(new BindRequest("b-1"));
    t.script.deprovision = Behaviour.HOLD;

    assertThat(cluster.deprovision(new DeprovisionRequest("op-2")))
        .isEqualTo(new OperationReceipt("op-2", false));
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.DEPROVISIONING);
    assertThat(cluster.deprovision(new DeprovisionRequest("op-2")))
        .isEqualTo(new OperationReceipt("op-2", true));
    assertThat(cluster.deprovision(new DeprovisionRequest("op-3")))
        .isEqualTo(new OperationReceipt("op-2", true));
    assertThat(rejection(() -> cluster.bind(new BindRequest("b-2")))).startsWith("concurrency:");
    assertThat(rejection(() -> cluster.provision(provision("op-4", PlanCatalog.SMALL))))
        .isEqualTo("conflict: cluster c-0001 is being deleted");
    t.release("op-2");
    t.awaitCompletion();

    DeprovisionInput input = t.script.deprovisionInputs.get(0);
    assertThat(t.script.deprovisionInputs).hasSize(1);
    assertThat(input.operationId()).isEqualTo("op-2");
    assertThat(input.deployment()).isEqualTo("pgfleet-c-0001");
    assertThat(input.topology()).isEqualTo(TestTopologies.of("pgfleet-c-0001"));
    assertThat(input.secrets()).isEqualTo(t.script.provisionInputs.get(0).secrets());
    assertThat(input.bindingUsernames()).containsExactly(binding.username());
    ClusterView view = cluster.view();
    assertThat(view.phase()).isEqualTo(ClusterPhase.DELETED);
    assertThat(view.nodes()).isEmpty();
    assertThat(view.bindingIds()).isEmpty();
    assertThat(cluster.operation("op-2").state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(t.script.childWorkflowIds)
        .containsExactly("cluster/c-0001/op/op-1", "cluster/c-0001/op/op-2");
  }

  @Test
  void deprovisionWhileProvisioningIsAConcurrencyError() {
    t.script.provision = Behaviour.HOLD;
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));

    assertThat(rejection(() -> cluster.deprovision(new DeprovisionRequest("op-2"))))
        .startsWith("concurrency:")
        .contains("being provisioned");
    t.release("op-1");
    t.awaitPhase(ClusterPhase.READY);
    assertThat(cluster.deprovision(new DeprovisionRequest("op-2")).duplicate()).isFalse();
    t.awaitCompletion();
  }

  @Test
  void aClusterThatWasNeverProvisionedIsNotFound() {
    ClusterWorkflow cluster = t.start();

    assertThat(rejection(() -> cluster.deprovision(new DeprovisionRequest("op-1"))))
        .isEqualTo("not found: cluster c-0001 has not been provisioned");
    assertThat(rejection(() -> cluster.bind(new BindRequest("b-1")))).startsWith("not found:");
  }

  @Test
  void reusingTheProvisionOperationIdForADeprovisionIsAConflict() {
    ClusterWorkflow cluster = readyCluster();

    assertThat(rejection(() -> cluster.deprovision(new DeprovisionRequest("op-1"))))
        .startsWith("conflict: operation id op-1");
  }

  @Test
  void aFailedDeprovisionReturnsTheClusterToReadySoItCanBeRequestedAgain() {
    ClusterWorkflow cluster = readyCluster();
    t.script.deprovision = Behaviour.fail("BOSH unreachable");

    cluster.deprovision(new DeprovisionRequest("op-2"));

    t.awaitPhase(ClusterPhase.READY);
    OperationView failed = cluster.operation("op-2");
    assertThat(failed.state()).isEqualTo(OperationState.FAILED);
    assertThat(failed.error()).isEqualTo("BOSH unreachable");
    assertThat(cluster.deprovision(new DeprovisionRequest("op-2")))
        .isEqualTo(new OperationReceipt("op-2", true));
    t.script.deprovision = Behaviour.SUCCEED;
    assertThat(cluster.deprovision(new DeprovisionRequest("op-3")).duplicate()).isFalse();
    t.awaitCompletion();
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.DELETED);
  }
}
