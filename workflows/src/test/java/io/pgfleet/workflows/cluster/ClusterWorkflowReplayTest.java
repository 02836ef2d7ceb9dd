package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.failover.FailoverOutcome;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.replay.NonDeterminism;
import io.pgfleet.workflows.replay.StoredHistories;
import io.pgfleet.workflows.rollingupdate.RollingUpdateOutcome;
import io.pgfleet.workflows.switchover.SwitchoverOutcome;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cluster workflow must replay the histories of runs recorded with earlier code: a change that
 * alters the command sequence would break every cluster workflow running in production.
 */
class ClusterWorkflowReplayTest {

  private static final String HISTORY = "cluster-provision-bind-deprovision";
  private static final String FAILOVER_HISTORY = "cluster-provision-failover-deprovision";
  private static final String BACKUP_HISTORY = "cluster-provision-backup-deprovision";
  private static final String PLAN_CHANGE_HISTORY = "cluster-provision-plan-change-deprovision";
  private static final String RESTORE_SWITCHOVER_HISTORY =
      "cluster-provision-restore-switchover-deprovision";

  @Test
  void theRecordedProvisionBindDeprovisionHistoryReplays() throws Exception {
    WorkflowExecutionHistory history = stored();

    assertThat(history.getEvents())
        .extracting(HistoryEvent::getEventType)
        .contains(
            EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)
        .endsWith(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    WorkflowReplayer.replayWorkflowExecution(history, ClusterWorkflowImpl.class);
  }

  @Test
  void theRecordedHistoryWithAManualAndAnAutomaticFailoverReplays() throws Exception {
    WorkflowExecutionHistory history =
        StoredHistories.load(FAILOVER_HISTORY, ClusterWorkflowReplayTest::runFailoverScenario);

    assertThat(history.getEvents())
        .extracting(HistoryEvent::getEventType)
        .contains(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
            EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
        .endsWith(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    assertThat(
            history.getEvents().stream()
                .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
                .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes())
                .map(a -> a.getWorkflowType().getName()))
        .containsExactly(
            "ProvisionWorkflow", "FailoverWorkflow", "FailoverWorkflow", "DeprovisionWorkflow");
    WorkflowReplayer.replayWorkflowExecution(history, ClusterWorkflowImpl.class);
  }

  @Test
  void theRecordedHistoryWithAFailedAndASuccessfulBackupReplays() throws Exception {
    WorkflowExecutionHistory history =
        StoredHistories.load(BACKUP_HISTORY, ClusterWorkflowReplayTest::runBackupScenario);

    assertThat(
            history.getEvents().stream()
                .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
                .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes())
                .map(a -> a.getWorkflowType().getName()))
        .containsExactly(
            "ProvisionWorkflow", "BackupWorkflow", "BackupWorkflow", "DeprovisionWorkflow");
    assertThat(history.getEvents())
        .extracting(HistoryEvent::getEventType)
        .contains(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) // the alerts
        .endsWith(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    WorkflowReplayer.replayWorkflowExecution(history, ClusterWorkflowImpl.class);
  }

  @Test
  void theRecordedHistoryWithRestoresSwitchoversAndVerificationsReplays() throws Exception {
    WorkflowExecutionHistory history =
        StoredHistories.load(
            RESTORE_SWITCHOVER_HISTORY, ClusterWorkflowReplayTest::runRestoreSwitchoverScenario);

    assertThat(
            history.getEvents().stream()
                .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
                .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes())
                .map(a -> a.getWorkflowType().getName()))
        .containsExactly(
            "ProvisionWorkflow",
            "BackupWorkflow",
            "RestoreWorkflow",
            "RestoreWorkflow",
            "SwitchoverWorkflow",
            "SwitchoverWorkflow",
            "DeprovisionWorkflow");
    assertThat(
            history.getEvents().stream()
                .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()))
        .contains("BackupSchedules.ensure", "BackupSchedules.remove", "Alert.send");
    assertThat(history.getEvents())
        .extracting(HistoryEvent::getEventType)
        .contains(
            EventType.EVENT_TYPE_MARKER_RECORDED, // the version of the schedule change
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .endsWith(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    WorkflowReplayer.replayWorkflowExecution(history, ClusterWorkflowImpl.class);
  }

  @Test
  void theRecordedHistoryWithAPlanChangeAndAFailedUpdateReplays() throws Exception {
    WorkflowExecutionHistory history =
        StoredHistories.load(PLAN_CHANGE_HISTORY, ClusterWorkflowReplayTest::runPlanChangeScenario);

    assertThat(
            history.getEvents().stream()
                .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
                .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes())
                .map(a -> a.getWorkflowType().getName()))
        .containsExactly(
            "ProvisionWorkflow",
            "RollingUpdateWorkflow",
            "RollingUpdateWorkflow",
            "DeprovisionWorkflow");
    WorkflowReplayer.replayWorkflowExecution(history, ClusterWorkflowImpl.class);
  }

  /**
   * Provision (small), a plan change to medium whose update fails (WARNING), one that succeeds with
   * a failure report while it runs (only recorded), deprovision.
   */
  private static WorkflowExecutionHistory runPlanChangeScenario() {
    try (ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class)) {
      ClusterWorkflow cluster = t.start();
      cluster.provision(provision("op-1", PlanCatalog.SMALL));
      t.awaitPhase(ClusterPhase.READY);
      t.script.rollingUpdateOutcome = RollingUpdateOutcome.FAILED;
      cluster.rollingUpdate(
          new RollingUpdateRequest(
              "up-1", "broker", "plan change to medium", Map.of(), true, PlanCatalog.MEDIUM.id()));
      t.awaitOperation("up-1");
      t.awaitPhase(ClusterPhase.READY);
      t.script.rollingUpdateOutcome = RollingUpdateOutcome.UPDATED;
      t.script.rollingUpdate = ChildScript.Behaviour.HOLD;
      cluster.rollingUpdate(
          new RollingUpdateRequest(
              "up-2", "broker", "plan change to medium", Map.of(), true, PlanCatalog.MEDIUM.id()));
      t.childProgress("up-2");
      t.report("pgpool/1", TestTopologies.PRIMARY_ADDRESS, "health check failed");
      t.release("up-2");
      t.awaitOperation("up-2");
      t.awaitPhase(ClusterPhase.READY);
      cluster.deprovision(new DeprovisionRequest("op-2"));
      t.awaitCompletion();
      return t.client.fetchHistory(ClusterTestEnv.WORKFLOW_ID);
    }
  }

  @Test
  void aChangedCommandSequenceIsCaughtAsNondeterministic() throws Exception {
    WorkflowExecutionHistory history = stored();

    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(history, TimerFirstClusterWorkflow.class))
        .matches(NonDeterminism::isReportedBy, "reports nondeterminism")
        .hasMessageContaining("does not match command type COMMAND_TYPE_START_TIMER");
  }

  private static WorkflowExecutionHistory stored() {
    return StoredHistories.load(HISTORY, ClusterWorkflowReplayTest::runScenario);
  }

  /**
   * Provision, a manual failover that succeeds (WARNING alert), a report about the new primary
   * whose failover needs an operator (CRITICAL alert), deprovision.
   */
  private static WorkflowExecutionHistory runFailoverScenario() {
    try (ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class)) {
      ClusterWorkflow cluster = t.start();
      cluster.provision(provision("op-1", PlanCatalog.SMALL));
      t.awaitPhase(ClusterPhase.READY);
      cluster.failover(new FailoverRequest("op-2", "alice", "drill"));
      t.awaitOperation("op-2");
      t.awaitPhase(ClusterPhase.READY);
      t.script.failoverOutcome = FailoverOutcome.NEEDS_OPERATOR;
      t.report("pgpool/1", "10.244.0.11", "pgpool detached backend 1: health check failed");
      t.awaitPhase(ClusterPhase.NEEDS_OPERATOR);
      cluster.deprovision(new DeprovisionRequest("op-3"));
      t.awaitCompletion();
      return t.client.fetchHistory(ClusterTestEnv.WORKFLOW_ID);
    }
  }

  /** Provision, a failed backup (CRITICAL), a successful one (RESOLVED), deprovision. */
  private static WorkflowExecutionHistory runBackupScenario() {
    try (ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class)) {
      ClusterWorkflow cluster = t.start();
      cluster.provision(provision("op-1", PlanCatalog.SMALL));
      t.awaitPhase(ClusterPhase.READY);
      t.script.backup = ChildScript.Behaviour.fail("snapshot ended in error");
      cluster.backup(new BackupRequest("bk-1", BackupMode.SNAPSHOT));
      t.awaitOperation("bk-1");
      t.awaitPhase(ClusterPhase.READY);
      t.script.backup = ChildScript.Behaviour.SUCCEED;
      cluster.backup(new BackupRequest("bk-2", BackupMode.COPY));
      t.awaitOperation("bk-2");
      t.awaitPhase(ClusterPhase.READY);
      cluster.deprovision(new DeprovisionRequest("op-2"));
      t.awaitCompletion();
      return t.client.fetchHistory(ClusterTestEnv.WORKFLOW_ID);
    }
  }

  /**
   * Provision (schedules ensured), a backup, a restore that fails (CRITICAL) and one that succeeds
   * (RESOLVED), a switchover with a failure report while it runs (only recorded), one rolled back
   * (WARNING), a failed and a passed verification (CRITICAL, RESOLVED), deprovision (schedules
   * removed).
   */
  private static WorkflowExecutionHistory runRestoreSwitchoverScenario() {
    try (ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class)) {
      ClusterWorkflow cluster = t.start();
      cluster.provision(provision("op-1", PlanCatalog.SMALL));
      t.awaitPhase(ClusterPhase.READY);
      cluster.backup(new BackupRequest("bk-1", BackupMode.SNAPSHOT));
      t.awaitOperation("bk-1");
      t.awaitPhase(ClusterPhase.READY);
      t.script.restore = ChildScript.Behaviour.fail("recovery ended before its target");
      cluster.restore(new RestoreRequest("rs-1", "bk-1", RecoveryTarget.latest(), "alice"));
      t.awaitOperation("rs-1");
      t.awaitPhase(ClusterPhase.READY);
      t.script.restore = ChildScript.Behaviour.SUCCEED;
      cluster.restore(new RestoreRequest("rs-2", "bk-1", RecoveryTarget.latest(), "alice"));
      t.awaitOperation("rs-2");
      t.awaitPhase(ClusterPhase.READY);
      t.script.switchover = ChildScript.Behaviour.HOLD;
      cluster.switchover(new SwitchoverRequest("sw-1", "alice", "drill"));
      t.childProgress("sw-1");
      t.report("pgpool/0", TestTopologies.PRIMARY_ADDRESS, "health check failed");
      t.release("sw-1");
      t.awaitOperation("sw-1");
      t.awaitPhase(ClusterPhase.READY);
      t.script.switchover = ChildScript.Behaviour.SUCCEED;
      t.script.switchoverOutcome = SwitchoverOutcome.FAILED;
      cluster.switchover(new SwitchoverRequest("sw-2", "alice", "drill"));
      t.awaitOperation("sw-2");
      t.awaitPhase(ClusterPhase.READY);
      cluster.backupVerified(new BackupVerification("c-0001", "bk-1", false, "bad", "vf-1", 1));
      cluster.backupVerified(new BackupVerification("c-0001", "bk-1", true, "good", "vf-2", 2));
      cluster.deprovision(new DeprovisionRequest("op-2"));
      t.awaitCompletion();
      return t.client.fetchHistory(ClusterTestEnv.WORKFLOW_ID);
    }
  }

  /** Provision, bind, deprovision against scripted children: every command kind the loop issues. */
  private static WorkflowExecutionHistory runScenario() {
    try (ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class)) {
      ClusterWorkflow cluster = t.start();
      cluster.provision(provision("op-1", PlanCatalog.SMALL));
      t.awaitPhase(ClusterPhase.READY);
      cluster.bind(new BindRequest("b-1"));
      cluster.deprovision(new DeprovisionRequest("op-2"));
      t.awaitCompletion();
      return t.client.fetchHistory(ClusterTestEnv.WORKFLOW_ID);
    }
  }
}
