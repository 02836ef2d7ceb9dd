package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static io.pgfleet.workflows.cluster.ClusterTestEnv.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertDelivery;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.failover.FailoverOutcome;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** A failover that stops short: the needs-operator phase, its alerts, and the ways out of it. */
class ClusterWorkflowNeedsOperatorTest {

  private static final long ALERT_WAIT = ClusterWorkflowFailoverTest.ALERT_WAIT_MILLIS;

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
    return new FailoverRequest(operationId, "alice", null);
  }

  @Test
  void needsOperatorAlertsOnceAndASuccessfulManualFailoverResolvesIt() {
    ClusterWorkflow cluster = readyCluster();
    t.script.failoverOutcome = FailoverOutcome.NEEDS_OPERATOR;

    t.report("pgpool/0", TestTopologies.PRIMARY_ADDRESS, "health check failed");
    ClusterView stuck = t.awaitPhase(ClusterPhase.NEEDS_OPERATOR);
    String automatic = stuck.operations().get(stuck.operations().size() - 1).operationId();
    OperationView failed = t.awaitOperation(automatic);
    assertThat(failed.state()).isEqualTo(OperationState.FAILED);
    assertThat(failed.error()).isEqualTo(FakeFailoverWorkflow.NEEDS_OPERATOR_REASON);
    assertThat(stuck.nodes()).extracting(NodeView::state).startsWith("unknown", "unknown");
    assertThat(rejection(() -> cluster.bind(new BindRequest("b-1"))))
        .startsWith("conflict: cluster c-0001 needs an operator");
    // Reports change nothing now; a second failover that stops short raises no second alert.
    t.report("pgpool/1", TestTopologies.PRIMARY_ADDRESS, "health check failed");
    cluster.failover(failover("op-3"));
    assertThat(t.awaitOperation("op-3").state()).isEqualTo(OperationState.FAILED);
    t.script.failoverOutcome = FailoverOutcome.FAILED_OVER;
    cluster.failover(failover("op-4"));
    t.awaitPhase(ClusterPhase.READY);

    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT).times(3)).send(sent.capture());
    assertThat(sent.getAllValues())
        .extracting(Alert::id)
        .containsExactly(
            "c-0001/failover/" + automatic + "/CRITICAL",
            "c-0001/failover/op-4/WARNING",
            "c-0001/failover/op-4/RESOLVED");
    Alert critical = sent.getAllValues().get(0);
    assertThat(critical.summary())
        .isEqualTo("cluster c-0001 needs an operator: failover " + automatic + " stopped short");
    assertThat(critical.reason()).isEqualTo(FakeFailoverWorkflow.NEEDS_OPERATOR_REASON);
    assertThat(sent.getAllValues().get(2).summary())
        .isEqualTo("cluster c-0001: needs no operator any more, postgres/1 is primary");
    assertThat(t.script.failoverInputs).hasSize(3);
    cluster.deprovision(new DeprovisionRequest("op-5"));
    t.awaitCompletion();
    verify(t.alerts, times(3)).send(any());
  }

  @Test
  void aFailedFailoverChildNeedsAnOperatorAndTheClusterCanStillBeDeprovisioned() {
    ClusterWorkflow cluster = readyCluster();
    t.script.failover = Behaviour.fail("fence: EC2 StopInstances refused: UnauthorizedOperation");

    cluster.failover(failover("op-2"));
    t.awaitPhase(ClusterPhase.NEEDS_OPERATOR);

    OperationView op = t.awaitOperation("op-2");
    assertThat(op.state()).isEqualTo(OperationState.FAILED);
    assertThat(op.error()).isEqualTo("fence: EC2 StopInstances refused: UnauthorizedOperation");
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT)).send(sent.capture());
    assertThat(sent.getValue().severity()).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(sent.getValue().reason())
        .isEqualTo(
            "the failover workflow failed: fence: EC2 StopInstances refused:"
                + " UnauthorizedOperation");
    assertThat(cluster.deprovision(new DeprovisionRequest("op-3")).duplicate()).isFalse();
    t.awaitCompletion();
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.DELETED);
  }

  @Test
  void anAlertThatCannotBeDeliveredIsLoggedAndTriedAgainAtTheNextChange() {
    ClusterWorkflow cluster = readyCluster();
    t.script.failoverOutcome = FailoverOutcome.NEEDS_OPERATOR;
    doThrow(new IllegalStateException("every channel failed: webhook 503"))
        .when(t.alerts)
        .send(any());

    cluster.failover(failover("op-2"));
    t.awaitPhase(ClusterPhase.NEEDS_OPERATOR);
    // Every attempt the bounded retry policy allows, then the workflow goes on. The retries wait
    // seconds of server time, which the test server skips only while the test sleeps on it.
    t.env.sleep(Duration.ofMinutes(1));
    verify(t.alerts, timeout(ALERT_WAIT).times(4)).send(any());
    reset(t.alerts);
    doReturn(new AlertDelivery(List.of("log"), List.of())).when(t.alerts).send(any());
    cluster.failover(failover("op-3"));

    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT)).send(sent.capture());
    assertThat(sent.getValue().id()).isEqualTo("c-0001/failover/op-3/CRITICAL");
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.NEEDS_OPERATOR);
    cluster.deprovision(new DeprovisionRequest("op-4"));
    t.awaitCompletion();
  }
}
