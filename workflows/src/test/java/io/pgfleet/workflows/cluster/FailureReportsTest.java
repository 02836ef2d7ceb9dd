package io.pgfleet.workflows.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.cluster.FailureReports.Action;
import io.pgfleet.workflows.cluster.FailureReports.Judgement;
import org.junit.jupiter.api.Test;

class FailureReportsTest {

  private static final String PRIMARY = TestTopologies.PRIMARY_ADDRESS;
  private static final String STANDBY = "10.244.0.11";

  private static DataPlaneReport report(String suspect, long atMillis) {
    return new DataPlaneReport("pgpool/1", suspect, atMillis, "health check failed");
  }

  @Test
  void aReportAboutThePrimaryOfAReadyClusterStartsAFailover() {
    Judgement judgement =
        FailureReports.judge(TestClusters.entity(ClusterPhase.READY), report(PRIMARY, 5), false);

    assertThat(judgement.action()).isEqualTo(Action.START);
    assertThat(judgement.why())
        .isEqualTo(
            "the primary is reported failing: pgpool/1 saw 10.244.0.10 fail at 5: health check"
                + " failed");
  }

  @Test
  void aReportAboutAnotherNodeIsIgnored() {
    Judgement judgement =
        FailureReports.judge(TestClusters.entity(ClusterPhase.READY), report(STANDBY, 5), false);

    assertThat(judgement.action()).isEqualTo(Action.IGNORE);
    assertThat(judgement.why())
        .startsWith("10.244.0.11 is not the primary (postgres/0 at 10.244.0.10 is)");
  }

  @Test
  void aReportStampedBeforeTheLastFailoverEndedIsIgnored() {
    ClusterEntity c = TestClusters.entity(ClusterPhase.READY);
    c.lastFailoverEndedAtMillis = 1_000;

    assertThat(FailureReports.judge(c, report(PRIMARY, 999), false).why())
        .startsWith("stamped 999, before the last failover, switchover or restore ended at 1000");
    assertThat(FailureReports.judge(c, report(PRIMARY, 1_000), false).action())
        .isEqualTo(Action.START);
  }

  @Test
  void whileAFailoverWaitsToStartReportsAboutThePrimaryJoinIt() {
    ClusterEntity c = TestClusters.entity(ClusterPhase.FAILING_OVER);

    assertThat(FailureReports.judge(c, report(PRIMARY, 5), true).action()).isEqualTo(Action.ADD);
    assertThat(FailureReports.judge(c, report(STANDBY, 5), true).action()).isEqualTo(Action.IGNORE);
    assertThat(FailureReports.judge(c, report(PRIMARY, 5), false).why())
        .startsWith("a failover is already running;");
  }

  @Test
  void otherPhasesAndIncompleteReportsChangeNothing() {
    for (ClusterPhase phase :
        new ClusterPhase[] {
          ClusterPhase.NEW,
          ClusterPhase.PROVISIONING,
          ClusterPhase.NEEDS_OPERATOR,
          ClusterPhase.DEPROVISIONING,
          ClusterPhase.FAILED,
          ClusterPhase.DELETED
        }) {
      assertThat(FailureReports.judge(TestClusters.entity(phase), report(PRIMARY, 5), false))
          .as("phase %s", phase)
          .extracting(Judgement::action)
          .isEqualTo(Action.IGNORE);
    }
    assertThat(
            FailureReports.judge(
                    TestClusters.entity(ClusterPhase.NEEDS_OPERATOR), report(PRIMARY, 5), false)
                .why())
        .startsWith("cluster c-1 is needs_operator, which no report changes;");
    assertThat(
            FailureReports.judge(
                    TestClusters.entity(ClusterPhase.READY),
                    new DataPlaneReport(null, PRIMARY, 5, "x"),
                    false)
                .action())
        .isEqualTo(Action.IGNORE);
  }
}
