package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.failover.FailoverInput;
import io.pgfleet.workflows.failover.FailoverOutcome;
import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ClusterWorkflowContinueAsNewTest {

  private final ClusterTestEnv t = new ClusterTestEnv(LimitedRunClusterWorkflow.class);

  @AfterEach
  void stop() {
    t.close();
  }

  @Test
  void theNextRunKeepsPhaseTopologyBindingsOperationsAndRequestIds() {
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    t.awaitPhase(ClusterPhase.READY);
    BindingCredentials first = cluster.bind(new BindRequest("b-1"));
    cluster.bind(new BindRequest("b-2"));

    WorkflowExecutionStartedEventAttributes secondRun =
        ClusterTestEnv.eventually(
            this::currentRunStart,
            start -> !start.getContinuedExecutionRunId().isEmpty(),
            "a run continued from the first");

    ClusterView before = t.firstRun().view();
    ClusterView after = cluster.view();
    assertThat(secondRun.getInput().getPayloadsCount()).isEqualTo(1);
    assertThat(after).isEqualTo(before);
    assertThat(after.phase()).isEqualTo(ClusterPhase.READY);
    assertThat(after.nodes()).hasSize(5);
    assertThat(after.bindingIds()).containsExactly("b-1", "b-2");
    assertThat(after.operations())
        .extracting(OperationView::type)
        .containsExactly(OperationType.PROVISION, OperationType.BIND, OperationType.BIND);
    // Repeats are recognised from the carried state, not from Temporal's per-run Update ids.
    assertThat(cluster.provision(provision("op-1", PlanCatalog.SMALL)))
        .isEqualTo(new OperationReceipt("op-1", true));
    assertThat(cluster.bind(new BindRequest("b-1"))).isEqualTo(first);
    verify(t.sql, times(2)).ensureBindingRole(any());
    assertThat(t.script.provisionInputs).hasSize(1);
    cluster.deprovision(new DeprovisionRequest("op-2"));
    t.awaitCompletion();
    assertThat(t.script.deprovisionInputs.get(0).secrets())
        .isEqualTo(t.script.provisionInputs.get(0).secrets());
  }

  @Test
  void theNextRunKeepsTheSwappedTopologyAndWhichAlertsWereSent() {
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    t.awaitPhase(ClusterPhase.READY);
    cluster.failover(new FailoverRequest("op-2", "alice", "drill"));
    t.awaitOperation("op-2");
    t.script.failoverOutcome = FailoverOutcome.NEEDS_OPERATOR;
    cluster.failover(new FailoverRequest("op-3", "alice", "drill"));
    t.awaitOperation("op-3");
    ClusterTestEnv.eventually(
        this::currentRunStart,
        start -> !start.getContinuedExecutionRunId().isEmpty(),
        "a run continued from the first");

    Topology swapped = FailoverTopology.swapped(TestTopologies.of("pgfleet-c-0001"));
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.NEEDS_OPERATOR);
    // The carried state still knows the CRITICAL went out: a second stop raises none.
    cluster.failover(new FailoverRequest("op-4", "alice", "drill"));
    t.awaitOperation("op-4");
    t.script.failoverOutcome = FailoverOutcome.FAILED_OVER;
    cluster.failover(new FailoverRequest("op-5", "alice", "drill"));
    t.awaitPhase(ClusterPhase.READY);

    assertThat(t.script.failoverInputs)
        .extracting(FailoverInput::topology)
        .containsExactly(TestTopologies.of("pgfleet-c-0001"), swapped, swapped, swapped);
    assertThat(cluster.view().nodes().get(0).role()).isEqualTo(NodeRole.PRIMARY);
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ClusterWorkflowFailoverTest.ALERT_WAIT_MILLIS).times(4))
        .send(sent.capture());
    assertThat(sent.getAllValues())
        .extracting(Alert::id)
        .containsExactly(
            "c-0001/failover/op-2/WARNING",
            "c-0001/failover/op-3/CRITICAL",
            "c-0001/failover/op-5/WARNING",
            "c-0001/failover/op-5/RESOLVED");
  }

  @Test
  void theNextRunKeepsTheBackupListAndThatABackupAlertIsRaised() {
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    t.awaitPhase(ClusterPhase.READY);
    cluster.backup(new BackupRequest("bk-1", BackupMode.SNAPSHOT));
    t.awaitOperation("bk-1");
    t.script.backup = ChildScript.Behaviour.fail("snapshot ended in error");
    cluster.backup(new BackupRequest("bk-2", BackupMode.SNAPSHOT));
    t.awaitOperation("bk-2");
    ClusterTestEnv.eventually(
        this::currentRunStart,
        start -> !start.getContinuedExecutionRunId().isEmpty(),
        "a run continued from the first");

    assertThat(cluster.backups())
        .extracting(BackupSummary::backupId, BackupSummary::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bk-1", OperationState.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("bk-2", OperationState.FAILED));
    assertThat(cluster.backups().get(0).stopLsn()).isEqualTo(FakeBackupWorkflow.STOP.lsn());
    // The carried state knows the CRITICAL went out: a second failure raises none.
    cluster.backup(new BackupRequest("bk-3", BackupMode.SNAPSHOT));
    t.awaitOperation("bk-3");
    t.script.backup = ChildScript.Behaviour.SUCCEED;
    cluster.backup(new BackupRequest("bk-4", BackupMode.SNAPSHOT));
    t.awaitOperation("bk-4");
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ClusterWorkflowFailoverTest.ALERT_WAIT_MILLIS).times(2))
        .send(sent.capture());
    assertThat(sent.getAllValues())
        .extracting(Alert::id)
        .containsExactly("c-0001/backup/bk-2/CRITICAL", "c-0001/backup/bk-4/RESOLVED");
  }

  private WorkflowExecutionStartedEventAttributes currentRunStart() {
    return t.client
        .fetchHistory(ClusterTestEnv.WORKFLOW_ID)
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes();
  }
}
