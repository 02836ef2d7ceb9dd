package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static io.pgfleet.workflows.cluster.ClusterTestEnv.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.backup.BackupInput;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The backup Update: admission, the child's input, the backup list and the alerts. */
class ClusterWorkflowBackupTest {

  private static final long ALERT_WAIT_MILLIS = 20_000;

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

  private static BackupRequest snapshot(String operationId) {
    return new BackupRequest(operationId, BackupMode.SNAPSHOT);
  }

  private BackupSummary awaitBackup(String backupId, OperationState state) {
    return ClusterTestEnv.eventually(
            () ->
                t.cluster().backups().stream().filter(b -> b.backupId().equals(backupId)).toList(),
            l -> l.size() == 1 && l.get(0).status() == state,
            "backup " + backupId + " " + state)
        .get(0);
  }

  @Test
  void aBackupRunsAsAChildWhileOtherOperationsWaitAndIsListedWithItsLsns() {
    ClusterWorkflow cluster = readyCluster();
    t.script.backup = Behaviour.HOLD;

    assertThat(cluster.backup(snapshot("bk-1"))).isEqualTo(new OperationReceipt("bk-1", false));
    assertThat(cluster.backup(snapshot("bk-1"))).isEqualTo(new OperationReceipt("bk-1", true));
    ClusterView running = cluster.view();
    assertThat(running.phase()).isEqualTo(ClusterPhase.BACKING_UP);
    assertThat(running.nodes()).allSatisfy(n -> assertThat(n.state()).isEqualTo("running"));
    assertThat(rejection(() -> cluster.backup(snapshot("bk-2"))))
        .isEqualTo("concurrency: cluster c-0001 is already backing up");
    assertThat(rejection(() -> cluster.deprovision(new DeprovisionRequest("op-9"))))
        .startsWith("concurrency: cluster c-0001 is backing up");
    assertThat(awaitBackup("bk-1", OperationState.IN_PROGRESS).finishedAtMillis()).isNull();

    t.release("bk-1");
    t.awaitPhase(ClusterPhase.READY);

    BackupSummary done = awaitBackup("bk-1", OperationState.SUCCEEDED);
    assertThat(done.mode()).isEqualTo(BackupMode.SNAPSHOT);
    assertThat(done.startLsn()).isEqualTo(FakeBackupWorkflow.START.lsn());
    assertThat(done.stopLsn()).isEqualTo(FakeBackupWorkflow.STOP.lsn());
    assertThat(done.timeline()).isEqualTo(1);
    assertThat(done.finishedAtMillis()).isNotNull();
    BackupInput input = t.script.backupInputs.get(0);
    assertThat(input.backupId()).isEqualTo("bk-1");
    assertThat(input.operationId()).isEqualTo("bk-1");
    assertThat(input.topology()).isEqualTo(TestTopologies.of("pgfleet-c-0001"));
    assertThat(input.mode()).isEqualTo(BackupMode.SNAPSHOT);
    assertThat(t.script.childWorkflowIds).contains("cluster/c-0001/op/bk-1");
    assertThat(cluster.operation("bk-1").type()).isEqualTo(OperationType.BACKUP);
    assertThat(cluster.operation("bk-1").state()).isEqualTo(OperationState.SUCCEEDED);
    verifyNoInteractions(t.alerts);
  }

  @Test
  void aFailedBackupAlertsCriticalOnceAndTheNextSuccessResolvesIt() {
    ClusterWorkflow cluster = readyCluster();
    t.script.backup = Behaviour.fail("snapshot snap-1 of disk-1 ended in error");

    cluster.backup(snapshot("bk-1"));
    BackupSummary failed = awaitBackup("bk-1", OperationState.FAILED);
    t.awaitPhase(ClusterPhase.READY);
    cluster.backup(new BackupRequest("bk-2", BackupMode.COPY));
    awaitBackup("bk-2", OperationState.FAILED);
    t.script.backup = Behaviour.SUCCEED;
    cluster.backup(new BackupRequest("bk-3", null));
    awaitBackup("bk-3", OperationState.SUCCEEDED);

    assertThat(failed.error()).contains("snapshot snap-1 of disk-1 ended in error");
    assertThat(t.script.backupInputs)
        .extracting(BackupInput::mode)
        .containsExactly(BackupMode.SNAPSHOT, BackupMode.COPY, BackupMode.SNAPSHOT);
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT_MILLIS).times(2)).send(sent.capture());
    List<Alert> alerts = sent.getAllValues();
    assertThat(alerts)
        .extracting(Alert::subject, Alert::severity, Alert::operationId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("backup", AlertSeverity.CRITICAL, "bk-1"),
            org.assertj.core.groups.Tuple.tuple("backup", AlertSeverity.RESOLVED, "bk-3"));
    assertThat(alerts.get(0).reason()).contains("snapshot snap-1 of disk-1 ended in error");
    assertThat(cluster.backups())
        .extracting(BackupSummary::backupId)
        .containsExactly("bk-1", "bk-2", "bk-3");
  }

  @Test
  void onlyAReadyClusterWithASafeOperationIdIsBackedUp() {
    ClusterWorkflow cluster = t.start();
    assertThat(rejection(() -> cluster.backup(snapshot("bk-1"))))
        .isEqualTo("not found: cluster c-0001 has not been provisioned");
    t.script.provision = Behaviour.HOLD;
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    assertThat(rejection(() -> cluster.backup(snapshot("bk-1"))))
        .isEqualTo("concurrency: cluster c-0001 is being provisioned");
    t.release("op-1");
    t.awaitPhase(ClusterPhase.READY);
    assertThat(rejection(() -> cluster.backup(snapshot("bk/1"))))
        .startsWith("operation id bk/1 cannot name a backup");
    assertThat(rejection(() -> cluster.backup(snapshot("op-1"))))
        .isEqualTo("conflict: operation id op-1 was already used for another request");
    assertThat(cluster.backups()).isEmpty();
  }

  @Test
  void aPrimaryReportedFailingDuringABackupCancelsItAndFailsOver() {
    ClusterWorkflow cluster = readyCluster();
    t.script.backup = Behaviour.HOLD;
    cluster.backup(snapshot("bk-2"));
    t.childProgress("bk-2");

    t.report("pgpool/0", TestTopologies.PRIMARY_ADDRESS, "health check failed");

    BackupSummary cancelled = awaitBackup("bk-2", OperationState.FAILED);
    assertThat(cancelled.error()).startsWith("cancelled: failover failover-");
    ClusterView after = t.awaitPhase(ClusterPhase.READY);
    assertThat(t.script.failoverInputs).hasSize(1);
    assertThat(after.nodes().get(1).role()).isEqualTo(NodeRole.PRIMARY);
    // Only the failover's own warning: a cancelled backup is not a backup problem.
    verify(t.alerts, timeout(ALERT_WAIT_MILLIS)).send(any());
    verify(t.alerts, times(1)).send(any());
  }
}
