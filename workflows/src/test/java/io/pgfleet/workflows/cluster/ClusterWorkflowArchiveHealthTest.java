package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.catalog.PlanCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The archiveHealth signal: shown in the view, one alert per change, stale reports ignored. */
class ClusterWorkflowArchiveHealthTest {

  private static final long ALERT_WAIT = ClusterWorkflowFailoverTest.ALERT_WAIT_MILLIS;

  private final ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class);

  @AfterEach
  void stop() {
    t.close();
  }

  private static ArchiveHealth report(String reporter, boolean healthy, long at) {
    return new ArchiveHealth(
        reporter,
        healthy,
        healthy ? null : "archive_command failed for 000000010000000000000007",
        "000000010000000000000006",
        at - 1_000,
        healthy ? 0 : 3,
        healthy ? null : 42L,
        healthy ? 100L : 50_331_648L,
        at);
  }

  private ClusterView awaitArchiving(ClusterWorkflow cluster, long at) {
    return ClusterTestEnv.eventually(
        cluster::view,
        v -> v.archiving() != null && v.archiving().atMillis() == at,
        "archiving report at " + at);
  }

  @Test
  void aFailingArchiveAlertsOnceAndItsRecoveryResolves() {
    ClusterWorkflow cluster = t.start();
    // the first primary reports while the cluster does not know its VMs yet
    cluster.archiveHealth(report("postgres/0", true, 5_000));
    awaitArchiving(cluster, 5_000);
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    t.awaitPhase(ClusterPhase.READY);

    cluster.archiveHealth(report("postgres/0", false, 10_000));
    cluster.archiveHealth(report("postgres/0", false, 20_000));
    ClusterView failing = awaitArchiving(cluster, 20_000);
    cluster.archiveHealth(report("postgres/1", true, 30_000)); // the standby: not the primary
    cluster.archiveHealth(report("postgres/0", true, 15_000)); // older than the one kept
    cluster.archiveHealth(report("postgres/0", true, 40_000));
    ClusterView healthy = awaitArchiving(cluster, 40_000);

    assertThat(failing.archiving().healthy()).isFalse();
    assertThat(failing.archiving().pendingSegments()).isEqualTo(3);
    assertThat(healthy.archiving().healthy()).isTrue();
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ALERT_WAIT).times(2)).send(sent.capture());
    assertThat(sent.getAllValues())
        .extracting(Alert::subject, Alert::severity)
        .containsExactly(
            tuple("archiving", AlertSeverity.CRITICAL), tuple("archiving", AlertSeverity.RESOLVED));
    assertThat(sent.getAllValues().get(0).summary())
        .isEqualTo(
            "cluster c-0001: WAL archiving from postgres/0 is failing, point-in-time restore"
                + " stops at 000000010000000000000006");
    assertThat(sent.getAllValues().get(0).reason())
        .isEqualTo("archive_command failed for 000000010000000000000007");
  }
}
