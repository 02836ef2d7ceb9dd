package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static io.pgfleet.workflows.cluster.ClusterTestEnv.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.failover.FailoverInput;
import io.pgfleet.workflows.failover.FailoverOutcome;
import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Manual failover: admission, the child's input, and what each outcome does to the cluster. */
class ClusterWorkflowFailoverTest {

  static final long ALERT_WAIT_MILLIS = 20_000;

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

  private static FailoverRequest failover(String operationId) {
    return new FailoverRequest(operationId, "alice", "kernel update on postgres/0");
  }

  @Test
  void aManualFailoverSwapsTheTopologyAndWarnsOnce() {
    ClusterWorkflow cluster = readyCluster();
    t.script.failover = Behaviour.HOLD;

    assertThat(cluster.failover(failover("op-2"))).isEqualTo(new OperationReceipt("op-2", false));
    assertThat(cluster.failover(failover("op-2"))).isEqualTo(new OperationReceipt("op-2", true));
    ClusterView failing = cluster.view();
    assertThat(failing.phase()).isEqualTo(ClusterPhase.FAILING_OVER);
    assertThat(failing.nodes().get(0).state()).isEqualTo("failing");
    t.release("op-2");
    ClusterView ready = t.awaitPhase(ClusterPhase.READY);

    Topology before = TestTopologies.of("pgfleet-c-0001");
    FailoverInput input = t.script.failoverInputs.get(0);
    assertThat(input.operationId()).isEqualTo("op-2");
    assertThat(input.topology()).isEqualTo(before);
    assertThat(input.secrets()).isEqualTo(t.script.provisionInputs.get(0).secrets());
    assertThat(input.maximumLagBytes()).isEqualTo(PlanCatalog.SMALL.maximumLagOnFailoverBytes());
    assertThat(input.toleranceMillis()).isZero();
    assertThat(input.postgresParameters()).isEqualTo(PlanCatalog.SMALL.postgresParameters());
    assertThat(input.trigger().manual()).isTrue();
    assertThat(input.trigger().reportedBy())
        .singleElement()
        .satisfies(r -> assertThat(r.reporter()).isEqualTo("alice"))
        .satisfies(r -> assertThat(r.detail()).contains("kernel update on postgres/0"));
    assertThat(ready.nodes())
        .extracting(n -> n.name() + " " + n.role() + " " + n.state())
        .startsWith("postgres/0 STANDBY running", "postgres/1 PRIMARY running");
    OperationView op = cluster.operation("op-2");
    assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(op.steps()).extracting(s -> s.name()).containsExactly("confirm", "mark done");
    assertThat(t.script.childWorkflowIds).contains("cluster/c-0001/op/op-2");

    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT_MILLIS)).send(sent.capture());
    Alert warning = sent.getValue();
    assertThat(warning.id()).isEqualTo("c-0001/failover/op-2/WARNING");
    assertThat(warning.severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(warning.subject()).isEqualTo("failover");
    assertThat(warning.operationId()).isEqualTo("op-2");
    assertThat(warning.summary())
        .isEqualTo("cluster c-0001: primary replaced on request, failed over to postgres/1");
    assertThat(warning.reason())
        .startsWith("RPO estimate 4096 bytes")
        .contains("failed over from postgres/0 to postgres/1");

    // The run loop sends alerts before it takes the next operation: after the deprovision ran,
    // every alert of the failover has been sent.
    cluster.deprovision(new DeprovisionRequest("op-3"));
    t.awaitCompletion();
    assertThat(t.script.deprovisionInputs.get(0).topology())
        .isEqualTo(FailoverTopology.swapped(before));
    verify(t.alerts, times(1)).send(org.mockito.ArgumentMatchers.any());
  }

  @Test
  void anUnconfirmedFailoverReturnsToReadyWithoutAlert() {
    ClusterWorkflow cluster = readyCluster();
    t.script.failoverOutcome = FailoverOutcome.NOT_CONFIRMED;

    cluster.failover(failover("op-2"));
    OperationView op = t.awaitOperation("op-2");

    assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(op.error()).isNull();
    assertThat(op.description())
        .isEqualTo(
            "failover not confirmed, nothing changed: "
                + FakeFailoverWorkflow.NOT_CONFIRMED_REASON);
    ClusterView view = t.awaitPhase(ClusterPhase.READY);
    assertThat(view.nodes().get(0).role()).isEqualTo(NodeRole.PRIMARY);
    cluster.deprovision(new DeprovisionRequest("op-3"));
    t.awaitCompletion();
    verifyNoInteractions(t.alerts);
  }

  @Test
  void failoverIsRefusedWhileAnotherOperationRunsOrReusesAnId() {
    ClusterWorkflow cluster = t.start();
    assertThat(rejection(() -> cluster.failover(failover("op-0"))))
        .isEqualTo("not found: cluster c-0001 has not been provisioned");
    t.script.provision = Behaviour.HOLD;
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    assertThat(rejection(() -> cluster.failover(failover("op-2"))))
        .isEqualTo("concurrency: cluster c-0001 is being provisioned");
    t.release("op-1");
    t.awaitPhase(ClusterPhase.READY);

    assertThat(rejection(() -> cluster.failover(failover("op-1"))))
        .isEqualTo("conflict: operation id op-1 was already used for another request");
    t.script.failover = Behaviour.HOLD;
    cluster.failover(failover("op-2"));
    assertThat(rejection(() -> cluster.failover(failover("op-3"))))
        .isEqualTo("concurrency: cluster c-0001 is already failing over");
    assertThat(rejection(() -> cluster.deprovision(new DeprovisionRequest("op-3"))))
        .startsWith("concurrency: cluster c-0001 is failing over");
    assertThat(rejection(() -> cluster.bind(new BindRequest("b-1"))))
        .isEqualTo("concurrency: cluster c-0001 is failing over");
    t.release("op-2");
    t.awaitPhase(ClusterPhase.READY);

    t.script.deprovision = Behaviour.HOLD;
    cluster.deprovision(new DeprovisionRequest("op-4"));
    assertThat(rejection(() -> cluster.failover(failover("op-5"))))
        .isEqualTo("concurrency: cluster c-0001 is being deleted");
    t.release("op-4");
    t.awaitCompletion();
    assertThat(t.script.failoverInputs).hasSize(1);
  }
}
