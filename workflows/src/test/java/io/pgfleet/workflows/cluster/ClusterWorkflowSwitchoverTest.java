package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static io.pgfleet.workflows.cluster.ClusterTestEnv.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.switchover.SwitchoverInput;
import io.pgfleet.workflows.switchover.SwitchoverOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The switchover Update: admission, the child's input, and what each outcome does. */
class ClusterWorkflowSwitchoverTest {

  private static final long ALERT_WAIT = ClusterWorkflowFailoverTest.ALERT_WAIT_MILLIS;

  private final ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class);

  @AfterEach
  void stop() {
    t.close();
  }

  private ClusterWorkflow readyCluster() {
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.MEDIUM));
    t.awaitPhase(ClusterPhase.READY);
    return cluster;
  }

  private static SwitchoverRequest switchover(String operationId) {
    return new SwitchoverRequest(operationId, "alice", "kernel update on postgres/0");
  }

  @Test
  void aSwitchoverSwapsTheRolesWhileReportsAreOnlyRecorded() {
    ClusterWorkflow cluster = readyCluster();
    t.script.switchover = Behaviour.HOLD;

    assertThat(cluster.switchover(switchover("sw-1")))
        .isEqualTo(new OperationReceipt("sw-1", false));
    assertThat(cluster.switchover(switchover("sw-1")))
        .isEqualTo(new OperationReceipt("sw-1", true));
    ClusterView switching = cluster.view();
    assertThat(switching.phase()).isEqualTo(ClusterPhase.SWITCHING_OVER);
    assertThat(switching.nodes().get(0).state()).isEqualTo("switching_over");
    assertThat(rejection(() -> cluster.failover(new FailoverRequest("op-2", "bob", null))))
        .isEqualTo("concurrency: cluster c-0001 is switching over");
    assertThat(rejection(() -> cluster.deprovision(new DeprovisionRequest("op-3"))))
        .isEqualTo(
            "concurrency: cluster c-0001 is switching over; deprovision it when that finished");
    t.childProgress("sw-1");
    long during = t.env.currentTimeMillis();
    // The stopped old primary looks failed to pgpool: recorded, no failover.
    t.report("pgpool/1", TestTopologies.PRIMARY_ADDRESS, "health check failed");
    t.release("sw-1");
    ClusterView ready = t.awaitPhase(ClusterPhase.READY);

    Topology before = TestTopologies.of("pgfleet-c-0001");
    SwitchoverInput input = t.script.switchoverInputs.get(0);
    assertThat(input.clusterId()).isEqualTo("c-0001");
    assertThat(input.operationId()).isEqualTo("sw-1");
    assertThat(input.topology()).isEqualTo(before);
    assertThat(input.secrets()).isEqualTo(t.script.provisionInputs.get(0).secrets());
    assertThat(input.maximumLagBytes()).isEqualTo(PlanCatalog.MEDIUM.maximumLagOnFailoverBytes());
    assertThat(input.postgresParameters()).isEqualTo(PlanCatalog.MEDIUM.postgresParameters());
    assertThat(t.script.childWorkflowIds).contains("cluster/c-0001/op/sw-1");
    assertThat(t.script.failoverInputs).isEmpty();
    assertThat(ready.nodes())
        .extracting(NodeView::name, NodeView::role, NodeView::state)
        .startsWith(
            tuple("postgres/0", NodeRole.STANDBY, "running"),
            tuple("postgres/1", NodeRole.PRIMARY, "running"));
    OperationView op = cluster.operation("sw-1");
    assertThat(op.type()).isEqualTo(OperationType.SWITCHOVER);
    assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
    // A report stamped during the switchover, delivered late, about the new primary: no failover
    // (the backup Update after it would be refused while one ran).
    t.client
        .newUntypedWorkflowStub(ClusterTestEnv.WORKFLOW_ID)
        .signal(
            ClusterWorkflow.REPORT_FAILURE_SIGNAL,
            new DataPlaneReport("pgpool/2", "10.244.0.11", during, "promotion in progress"));
    assertThat(cluster.backup(new BackupRequest("bk-1", BackupMode.SNAPSHOT)).duplicate())
        .isFalse();
    assertThat(t.script.failoverInputs).isEmpty();
    verifyNoInteractions(t.alerts);
  }

  @Test
  void aRolledBackSwitchoverLeavesTheClusterReadyAndWarnsOnce() {
    ClusterWorkflow cluster = readyCluster();
    t.script.switchoverOutcome = SwitchoverOutcome.FAILED;

    cluster.switchover(switchover("sw-1"));
    OperationView op = t.awaitOperation("sw-1");
    ClusterView ready = t.awaitPhase(ClusterPhase.READY);

    assertThat(op.state()).isEqualTo(OperationState.FAILED);
    assertThat(op.error()).isEqualTo(FakeSwitchoverWorkflow.ROLLED_BACK_REASON);
    assertThat(ready.nodes().get(0).role()).isEqualTo(NodeRole.PRIMARY);
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT)).send(sent.capture());
    Alert warning = sent.getValue();
    assertThat(warning.id()).isEqualTo("c-0001/switchover/sw-1/WARNING");
    assertThat(warning.summary())
        .isEqualTo(
            "cluster c-0001: switchover sw-1 failed and was rolled back, postgres/0 is still"
                + " primary");
    assertThat(warning.reason()).isEqualTo(FakeSwitchoverWorkflow.ROLLED_BACK_REASON);
    assertThat(cluster.switchover(switchover("sw-2")).duplicate()).isFalse();
    t.awaitOperation("sw-2");
    t.awaitPhase(ClusterPhase.READY);
    verify(t.alerts, timeout(ALERT_WAIT).times(2)).send(any());
  }

  @Test
  void aSwitchoverThatStopsShortNeedsAnOperatorWhoMayFailOver() {
    ClusterWorkflow cluster = readyCluster();
    t.script.switchoverOutcome = SwitchoverOutcome.NEEDS_OPERATOR;

    cluster.switchover(switchover("sw-1"));
    t.awaitPhase(ClusterPhase.NEEDS_OPERATOR);
    assertThat(rejection(() -> cluster.switchover(switchover("sw-2"))))
        .startsWith("conflict: cluster c-0001 needs an operator");
    cluster.failover(new FailoverRequest("op-3", "alice", "after the switchover stopped"));
    ClusterView ready = t.awaitPhase(ClusterPhase.READY);

    assertThat(cluster.operation("sw-1").error())
        .isEqualTo(FakeSwitchoverWorkflow.NEEDS_OPERATOR_REASON);
    assertThat(ready.nodes().get(1).role()).isEqualTo(NodeRole.PRIMARY);
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT).times(3)).send(sent.capture());
    assertThat(sent.getAllValues())
        .extracting(Alert::subject, Alert::severity, Alert::operationId)
        .containsExactly(
            tuple("failover", AlertSeverity.CRITICAL, "sw-1"),
            tuple("failover", AlertSeverity.WARNING, "op-3"),
            tuple("failover", AlertSeverity.RESOLVED, "op-3"));
    assertThat(sent.getAllValues().get(0).summary())
        .isEqualTo("cluster c-0001 needs an operator: switchover sw-1 stopped short");
  }

  @Test
  void aFailedSwitchoverChildNeedsAnOperator() {
    ClusterWorkflow cluster = readyCluster();
    t.script.switchover = Behaviour.fail("check failed: postgres/1 is 9 MiB behind");

    cluster.switchover(switchover("sw-1"));
    ClusterView stuck = t.awaitPhase(ClusterPhase.NEEDS_OPERATOR);

    assertThat(stuck.nodes()).extracting(NodeView::role).startsWith(NodeRole.PRIMARY);
    assertThat(t.awaitOperation("sw-1").state()).isEqualTo(OperationState.FAILED);
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT)).send(sent.capture());
    assertThat(sent.getValue().reason())
        .isEqualTo("the switchover workflow failed: check failed: postgres/1 is 9 MiB behind");
    verify(t.alerts, times(1)).send(any());
  }

  @Test
  void onlyAReadyClusterSwitchesOver() {
    ClusterWorkflow cluster = t.start();
    assertThat(rejection(() -> cluster.switchover(switchover("sw-1"))))
        .isEqualTo("not found: cluster c-0001 has not been provisioned");
    t.script.provision = Behaviour.HOLD;
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    assertThat(rejection(() -> cluster.switchover(switchover("sw-1"))))
        .isEqualTo("concurrency: cluster c-0001 is being provisioned");
    t.release("op-1");
    t.awaitPhase(ClusterPhase.READY);
    assertThat(rejection(() -> cluster.switchover(switchover(null))))
        .isEqualTo("operation id is missing");
    assertThat(t.script.switchoverInputs).isEmpty();
  }
}
