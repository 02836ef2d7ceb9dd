package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static io.pgfleet.workflows.cluster.ClusterTestEnv.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.rollingupdate.RollingUpdateInput;
import io.pgfleet.workflows.rollingupdate.RollingUpdateOutcome;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The rolling update Update (plain and plan change): admission, the child's input, outcomes. */
class ClusterWorkflowRollingUpdateTest {

  private static final long ALERT_WAIT = ClusterWorkflowFailoverTest.ALERT_WAIT_MILLIS;

  private final ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class);

  @AfterEach
  void stop() {
    t.close();
  }

  private ClusterWorkflow readyCluster(Plan plan) {
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", plan));
    t.awaitPhase(ClusterPhase.READY);
    return cluster;
  }

  private static RollingUpdateRequest update(String operationId, String planId) {
    return new RollingUpdateRequest(
        operationId, "rollout/r-1", "stemcell 1.500", Map.of("work_mem", "8MB"), true, planId);
  }

  @Test
  void aPlanChangeRunsTheRollingUpdateAndEndsOnTheNewPlanWithRolesSwapped() {
    ClusterWorkflow cluster = readyCluster(PlanCatalog.SMALL);
    assertThat(cluster.maintenanceWindow()).isEqualTo("sun-02:00");
    t.script.rollingUpdate = Behaviour.HOLD;

    assertThat(cluster.rollingUpdate(update("up-1", PlanCatalog.MEDIUM.id())))
        .isEqualTo(new OperationReceipt("up-1", false));
    assertThat(cluster.rollingUpdate(update("up-1", PlanCatalog.MEDIUM.id())).duplicate()).isTrue();
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.UPDATING);
    assertThat(rejection(() -> cluster.deprovision(new DeprovisionRequest("op-3"))))
        .isEqualTo(
            "concurrency: cluster c-0001 is being updated; deprovision it when that finished");
    t.childProgress("up-1");
    // pgpool sees the restarted standby or the switched-over primary go away: only recorded
    t.report("pgpool/1", TestTopologies.PRIMARY_ADDRESS, "health check failed");
    t.release("up-1");
    ClusterView ready = t.awaitPhase(ClusterPhase.READY);

    RollingUpdateInput input = t.script.rollingUpdateInputs.get(0);
    assertThat(input.plan()).isEqualTo(PlanCatalog.MEDIUM);
    assertThat(input.currentDiskMb()).isEqualTo(PlanCatalog.SMALL.diskMb());
    assertThat(input.extraPostgresParameters()).containsEntry("work_mem", "8MB");
    assertThat(input.recreate()).isTrue();
    assertThat(input.topology()).isEqualTo(TestTopologies.of("pgfleet-c-0001"));
    assertThat(t.script.childWorkflowIds).contains("cluster/c-0001/op/up-1");
    assertThat(t.script.failoverInputs).isEmpty();
    assertThat(ready.planId()).isEqualTo(PlanCatalog.MEDIUM.id());
    assertThat(ready.nodes())
        .extracting(NodeView::name, NodeView::role)
        .startsWith(tuple("postgres/0", NodeRole.STANDBY), tuple("postgres/1", NodeRole.PRIMARY));
    assertThat(cluster.operation("up-1").type()).isEqualTo(OperationType.ROLLING_UPDATE);
    assertThat(cluster.operation("up-1").state()).isEqualTo(OperationState.SUCCEEDED);
    verifyNoInteractions(t.alerts);
  }

  @Test
  void planChangesOffTheUpgradePathsOrShrinkingTheDiskAreRefusedUpFront() {
    ClusterWorkflow cluster = readyCluster(PlanCatalog.MEDIUM);

    assertThat(rejection(() -> cluster.rollingUpdate(update("up-1", PlanCatalog.SMALL.id()))))
        .startsWith("plan small has a smaller disk")
        .contains("shrinking a disk needs a migration");
    assertThat(rejection(() -> cluster.rollingUpdate(update("up-2", "no-such-plan"))))
        .isEqualTo("plan no-such-plan is not in the catalog");
    RollingUpdateRequest badSetting =
        new RollingUpdateRequest("up-3", "api", "x", Map.of("Work-Mem", "8MB"), false, null);
    assertThat(rejection(() -> cluster.rollingUpdate(badSetting)))
        .contains("is not a PostgreSQL setting to apply");
    assertThat(t.script.rollingUpdateInputs).isEmpty();
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.READY);
  }

  @Test
  void appliedSettingsStayForLaterUpdatesAndRebuiltNodesButAFailedUpdateAddsNone() {
    ClusterWorkflow cluster = readyCluster(PlanCatalog.SMALL);
    cluster.rollingUpdate(update("up-1", null));
    t.awaitOperation("up-1");
    t.awaitPhase(ClusterPhase.READY);
    t.script.rollingUpdateOutcome = RollingUpdateOutcome.FAILED;
    cluster.rollingUpdate(
        new RollingUpdateRequest("up-2", "api", "x", Map.of("work_mem", "64MB"), false, null));
    t.awaitOperation("up-2");
    t.awaitPhase(ClusterPhase.READY);
    t.script.rollingUpdateOutcome = RollingUpdateOutcome.UPDATED;

    cluster.rollingUpdate(
        new RollingUpdateRequest("up-3", "api", "x", Map.of("max_wal_size", "2GB"), false, null));
    t.awaitOperation("up-3");
    t.awaitPhase(ClusterPhase.READY);
    cluster.switchover(new SwitchoverRequest("sw-1", "api", null));
    t.awaitOperation("sw-1");

    assertThat(t.script.rollingUpdateInputs.get(2).extraPostgresParameters())
        .isEqualTo(Map.of("work_mem", "8MB", "max_wal_size", "2GB"));
    Map<String, String> settings = new TreeMap<>(PlanCatalog.SMALL.postgresParameters());
    settings.putAll(Map.of("work_mem", "8MB", "max_wal_size", "2GB"));
    assertThat(t.script.switchoverInputs.get(0).postgresParameters()).isEqualTo(settings);
  }

  @Test
  void aFailedUpdateKeepsThePlanWarnsOnceAndTheClusterStaysReady() {
    ClusterWorkflow cluster = readyCluster(PlanCatalog.SMALL);
    t.script.rollingUpdateOutcome = RollingUpdateOutcome.FAILED;

    cluster.rollingUpdate(update("up-1", PlanCatalog.MEDIUM.id()));
    t.awaitOperation("up-1");
    ClusterView ready = t.awaitPhase(ClusterPhase.READY);

    assertThat(ready.planId()).isEqualTo(PlanCatalog.SMALL.id());
    assertThat(cluster.operation("up-1").error())
        .isEqualTo(FakeRollingUpdateWorkflow.FAILED_REASON);
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT)).send(sent.capture());
    assertThat(sent.getValue().subject()).isEqualTo("update");
    assertThat(sent.getValue().severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(sent.getValue().summary())
        .isEqualTo("cluster c-0001: update up-1 stopped, postgres/0 still takes writes");
  }

  @Test
  void anUpdateWhoseSwitchoverStoppedShortNeedsAnOperator() {
    ClusterWorkflow cluster = readyCluster(PlanCatalog.SMALL);
    t.script.rollingUpdateOutcome = RollingUpdateOutcome.NEEDS_OPERATOR;

    cluster.rollingUpdate(update("up-1", null));
    t.awaitPhase(ClusterPhase.NEEDS_OPERATOR);

    assertThat(rejection(() -> cluster.rollingUpdate(update("up-2", null))))
        .startsWith("conflict: cluster c-0001 needs an operator");
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT)).send(sent.capture());
    assertThat(sent.getValue().severity()).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(sent.getValue().summary())
        .isEqualTo("cluster c-0001 needs an operator: update up-1 stopped short");
  }
}
