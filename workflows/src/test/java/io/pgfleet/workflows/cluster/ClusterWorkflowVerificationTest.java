package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.catalog.PlanCatalog;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The backupVerified signal: kept with the backup, alerts once per change of outcome; and the
 * backupsRemoved signal of retention.
 */
class ClusterWorkflowVerificationTest {

  private static final long ALERT_WAIT = ClusterWorkflowFailoverTest.ALERT_WAIT_MILLIS;

  private final ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class);

  @AfterEach
  void stop() {
    t.close();
  }

  private ClusterWorkflow clusterWithBackups(String... backupIds) {
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    t.awaitPhase(ClusterPhase.READY);
    for (String id : backupIds) {
      cluster.backup(new BackupRequest(id, BackupMode.SNAPSHOT));
      t.awaitOperation(id);
      t.awaitPhase(ClusterPhase.READY);
    }
    return cluster;
  }

  private static BackupVerification verification(
      String clusterId, String backupId, boolean passed, String operationId, long at) {
    return new BackupVerification(
        clusterId,
        backupId,
        passed,
        passed ? "412 relations read, sentinel row matched" : "relation 16384 unreadable",
        operationId,
        at);
  }

  /** Waits until the signal was handled: the backup shows that verification. */
  private BackupSummary awaitVerification(ClusterWorkflow cluster, String backupId, String opId) {
    return ClusterTestEnv.eventually(
            () -> cluster.backups().stream().filter(b -> b.backupId().equals(backupId)).findFirst(),
            b ->
                b.isPresent()
                    && b.get().verification() != null
                    && opId.equals(b.get().verification().operationId()),
            "verification " + opId + " of " + backupId)
        .orElseThrow();
  }

  @Test
  void verificationsAreKeptAndAFailureAlertsOnceUntilOnePassesAgain() {
    ClusterWorkflow cluster = clusterWithBackups("bk-1", "bk-2");

    cluster.backupVerified(verification("c-0001", "bk-1", false, "vf-1", 10_000));
    BackupSummary failed = awaitVerification(cluster, "bk-1", "vf-1");
    cluster.backupVerified(verification("c-0001", "bk-2", false, "vf-2", 20_000));
    awaitVerification(cluster, "bk-2", "vf-2");
    cluster.backupVerified(verification("c-0001", "bk-2", true, "vf-3", 30_000));
    BackupSummary passed = awaitVerification(cluster, "bk-2", "vf-3");

    assertThat(failed.verification().passed()).isFalse();
    assertThat(passed.verification().detail())
        .isEqualTo("412 relations read, sentinel row matched");
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT).times(2)).send(sent.capture());
    List<Alert> alerts = sent.getAllValues();
    assertThat(alerts)
        .extracting(Alert::subject, Alert::severity, Alert::operationId)
        .containsExactly(
            tuple("backup-verification", AlertSeverity.CRITICAL, "vf-1"),
            tuple("backup-verification", AlertSeverity.RESOLVED, "vf-3"));
    assertThat(alerts.get(0).summary())
        .isEqualTo("cluster c-0001: backup bk-1 failed its verification, it may not be restorable");
    assertThat(alerts.get(0).reason()).isEqualTo("relation 16384 unreadable");
  }

  @Test
  void unknownBackupsOtherClustersAndOlderVerificationsAreIgnored() {
    ClusterWorkflow cluster = clusterWithBackups("bk-1");
    cluster.backupVerified(verification("c-0001", "bk-1", true, "vf-2", 20_000));
    awaitVerification(cluster, "bk-1", "vf-2");

    cluster.backupVerified(verification("c-0001", "bk-gone", false, "vf-3", 30_000));
    cluster.backupVerified(verification("c-other", "bk-1", false, "vf-4", 40_000));
    cluster.backupVerified(verification("c-0001", "bk-1", false, "vf-1", 10_000));
    cluster.backupVerified(null);
    // A signal after the ignored ones: once it shows, they were all handled.
    cluster.backupVerified(verification(null, "bk-1", true, "vf-5", 50_000));
    awaitVerification(cluster, "bk-1", "vf-5");

    assertThat(cluster.backups()).extracting(BackupSummary::backupId).containsExactly("bk-1");
    // Nothing failed: passing verifications resolve nothing that was never raised.
    cluster.deprovision(new DeprovisionRequest("op-9"));
    t.awaitCompletion();
    verify(t.alerts, times(0)).send(any());
  }

  @Test
  void backupsRetentionRemovedAreNoLongerListed() {
    ClusterWorkflow cluster = clusterWithBackups("bk-1", "bk-2", "bk-3");

    cluster.backupsRemoved(List.of("bk-1", "bk-2", "bk-unknown"));
    cluster.backupsRemoved(List.of("bk-1"));

    ClusterTestEnv.eventually(
        () -> cluster.backups().stream().map(BackupSummary::backupId).toList(),
        ids -> ids.equals(List.of("bk-3")),
        "only bk-3 listed");
  }
}
