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

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.failover.FailoverOutcome;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.restore.RestoreInput;
import io.pgfleet.workflows.restore.RestoreMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The in-place restore Update: admission, the child's input, outcomes and alerts. */
class ClusterWorkflowRestoreTest {

  private static final long ALERT_WAIT = ClusterWorkflowFailoverTest.ALERT_WAIT_MILLIS;
  private static final RecoveryTarget TARGET =
      new RecoveryTarget(RecoveryTargetKind.TIME, "2026-11-22T08:15:30Z");

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

  private static RestoreRequest restore(String operationId, String backupId) {
    return new RestoreRequest(operationId, backupId, TARGET, "alice");
  }

  @Test
  void aRestoreRunsInPlaceWhileReportsAreOnlyRecordedAndOtherWorkWaits() {
    ClusterWorkflow cluster = readyCluster();
    cluster.backup(new BackupRequest("bk-1", BackupMode.SNAPSHOT));
    t.awaitOperation("bk-1");
    t.awaitPhase(ClusterPhase.READY);
    t.script.restore = Behaviour.HOLD;

    assertThat(cluster.restore(restore("rs-1", "bk-1")))
        .isEqualTo(new OperationReceipt("rs-1", false));
    assertThat(cluster.restore(restore("rs-1", "bk-1")))
        .isEqualTo(new OperationReceipt("rs-1", true));
    ClusterView restoring = cluster.view();
    assertThat(restoring.phase()).isEqualTo(ClusterPhase.RESTORING);
    assertThat(restoring.nodes())
        .extracting(NodeView::state)
        .containsExactly("restoring", "restoring", "running", "running", "running");
    assertThat(rejection(() -> cluster.restore(restore("rs-2", null))))
        .isEqualTo("concurrency: cluster c-0001 is restoring a backup");
    assertThat(rejection(() -> cluster.bind(new BindRequest("b-1"))))
        .isEqualTo("concurrency: cluster c-0001 is restoring a backup");
    t.childProgress("rs-1");
    // pgpool sees the stopped primary as failed: recorded, no failover.
    t.report("pgpool/0", TestTopologies.PRIMARY_ADDRESS, "health check failed");
    t.release("rs-1");
    ClusterView ready = t.awaitPhase(ClusterPhase.READY);

    RestoreInput input = t.script.restoreInputs.get(0);
    assertThat(input)
        .isEqualTo(
            new RestoreInput(
                "c-0001",
                "rs-1",
                TestTopologies.of("pgfleet-c-0001"),
                "c-0001",
                "bk-1",
                TARGET,
                RestoreMode.IN_PLACE,
                t.script.provisionInputs.get(0).secrets(),
                t.script.provisionInputs.get(0).plan().postgresParameters()));
    assertThat(t.script.childWorkflowIds).contains("cluster/c-0001/op/rs-1");
    assertThat(t.script.failoverInputs).isEmpty();
    assertThat(ready.nodes())
        .extracting(NodeView::name, NodeView::role)
        .startsWith(tuple("postgres/0", NodeRole.PRIMARY), tuple("postgres/1", NodeRole.STANDBY));
    OperationView op = cluster.operation("rs-1");
    assertThat(op.type()).isEqualTo(OperationType.RESTORE);
    assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(op.steps()).extracting(s -> s.name()).containsExactly("restore disks", "mark done");
    verifyNoInteractions(t.alerts);
  }

  @Test
  void aFailedRestoreAlertsCriticalOnceAndTheNextSuccessResolvesIt() {
    ClusterWorkflow cluster = readyCluster();
    t.script.restore =
        Behaviour.fail(
            "recover failed: recovery ended before reaching its target",
            FailureType.RECOVERY_TARGET_NOT_REACHED);

    cluster.restore(restore("rs-1", null));
    OperationView failed = t.awaitOperation("rs-1");
    t.awaitPhase(ClusterPhase.READY);
    cluster.restore(restore("rs-2", null));
    t.awaitOperation("rs-2");
    t.awaitPhase(ClusterPhase.READY);
    t.script.restore = Behaviour.SUCCEED;
    cluster.restore(new RestoreRequest("rs-3", null, null, "alice"));
    t.awaitOperation("rs-3");
    ClusterView ready = t.awaitPhase(ClusterPhase.READY);

    assertThat(failed.state()).isEqualTo(OperationState.FAILED);
    assertThat(failed.error())
        .isEqualTo("recover failed: recovery ended before reaching its target");
    assertThat(failed.steps()).extracting(s -> s.name()).containsExactly("restore disks");
    assertThat(ready.nodes().get(0).role()).isEqualTo(NodeRole.PRIMARY);
    assertThat(t.script.restoreInputs.get(2).target()).isEqualTo(RecoveryTarget.latest());
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT).times(2)).send(sent.capture());
    assertThat(sent.getAllValues())
        .extracting(Alert::id)
        .containsExactly("c-0001/restore/rs-1/CRITICAL", "c-0001/restore/rs-3/RESOLVED");
    assertThat(sent.getAllValues().get(0).summary())
        .isEqualTo("cluster c-0001: restore rs-1 failed, the data before it was put back");
    assertThat(sent.getAllValues().get(0).reason())
        .isEqualTo("recover failed: recovery ended before reaching its target");
  }

  @Test
  void aRestoreTheChildRefusesUpFrontChangesNothingAndAlertsNobody() {
    ClusterWorkflow cluster = readyCluster();
    t.script.restore =
        Behaviour.fail(
            "target time 2026-11-22T08:15:30Z is after the archive's newest WAL",
            FailureType.INVALID_INPUT);

    cluster.restore(restore("rs-1", null));
    OperationView refused = t.awaitOperation("rs-1");
    t.awaitPhase(ClusterPhase.READY);

    assertThat(refused.state()).isEqualTo(OperationState.FAILED);
    assertThat(refused.error()).contains("after the archive's newest WAL");
    verifyNoInteractions(t.alerts);
  }

  @Test
  void badTargetsAndBusyClustersAreRefusedByTheValidator() {
    ClusterWorkflow cluster = t.start();
    assertThat(rejection(() -> cluster.restore(restore("rs-1", null))))
        .isEqualTo("not found: cluster c-0001 has not been provisioned");
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    t.awaitPhase(ClusterPhase.READY);
    RestoreRequest typo =
        new RestoreRequest(
            "rs-1", null, new RecoveryTarget(RecoveryTargetKind.TIME, "yesterday"), "alice");
    assertThat(rejection(() -> cluster.restore(typo)))
        .isEqualTo(
            "recovery target time 'yesterday' is not an ISO-8601 timestamp with zone, e.g."
                + " 2026-11-22T08:15:30Z");
    t.script.backup = Behaviour.HOLD;
    cluster.backup(new BackupRequest("bk-1", BackupMode.SNAPSHOT));
    assertThat(rejection(() -> cluster.restore(restore("rs-1", null))))
        .isEqualTo(
            "concurrency: cluster c-0001 is backing up; request a restore when that finished");
    t.release("bk-1");
    t.awaitPhase(ClusterPhase.READY);
    assertThat(rejection(() -> cluster.restore(restore("bk-1", null))))
        .isEqualTo("conflict: operation id bk-1 was already used for another request");
    assertThat(t.script.restoreInputs).isEmpty();
  }

  @Test
  void aRestoreOfAClusterThatNeedsAnOperatorMakesItReadyAndResolvesThat() {
    ClusterWorkflow cluster = readyCluster();
    t.script.failoverOutcome = FailoverOutcome.NEEDS_OPERATOR;
    cluster.failover(new FailoverRequest("op-2", "alice", null));
    t.awaitPhase(ClusterPhase.NEEDS_OPERATOR);

    cluster.restore(restore("rs-1", null));
    t.awaitOperation("rs-1");
    t.awaitPhase(ClusterPhase.READY);

    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT).times(2)).send(sent.capture());
    assertThat(sent.getAllValues())
        .extracting(Alert::subject, Alert::severity)
        .containsExactly(
            tuple("failover", AlertSeverity.CRITICAL), tuple("failover", AlertSeverity.RESOLVED));
    assertThat(sent.getAllValues().get(1).summary())
        .isEqualTo(
            "cluster c-0001: needs no operator any more, restored with postgres/0 as primary");
    cluster.deprovision(new DeprovisionRequest("op-9"));
    t.awaitCompletion();
    verify(t.alerts, times(2)).send(any());
  }
}
