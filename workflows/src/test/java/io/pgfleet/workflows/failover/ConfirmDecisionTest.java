package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.inRecovery;
import static io.pgfleet.workflows.failover.FailoverFixture.refused;
import static io.pgfleet.workflows.failover.FailoverFixture.timedOut;
import static io.pgfleet.workflows.failover.FailoverFixture.writable;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.failover.FailoverTrigger.FailureReport;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.postgres.NodeProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Confirm: two pgpools, or one and the control plane, see the primary down; said in a sentence. */
class ConfirmDecisionTest {

  private static final ClusterNode PRIMARY = FailoverFixture.TOPOLOGY.primary();
  private static final String IP = PRIMARY.address();
  private static final NodeProbe STANDBY = inRecovery("10.244.0.11", 1);

  @Test
  void twoPgpoolsAreAQuorumWhateverTheControlPlaneSees() {
    Observation seen =
        seen(List.of(view(0, "down"), view(1, "down"), view(2, "up")), writable(IP, 1));

    assertThat(FailoverDecisions.confirm(PRIMARY, seen))
        .isEqualTo(
            Decision.yes(
                "postgres/0 is down for a quorum of 2 pgpools [pgpool/0: down, pgpool/1: down,"
                    + " pgpool/2: up, control plane: writable]"));
  }

  @Test
  void onePgpoolAndTheControlPlaneAreAQuorum() {
    Observation seen =
        seen(
            List.of(
                view(0, "down"),
                PgpoolView.noView("pgpool/1", "no answer: schedule to start timeout"),
                view(2, "up")),
            timedOut(IP));

    assertThat(FailoverDecisions.confirm(PRIMARY, seen))
        .isEqualTo(
            Decision.yes(
                "postgres/0 is down for a quorum of 1 pgpool and the control plane [pgpool/0:"
                    + " down, pgpool/1: no view (no answer: schedule to start timeout), pgpool/2:"
                    + " up, control plane: unreachable]"));
  }

  @Test
  void theControlPlaneAloneIsNoQuorum() {
    Observation seen = seen(List.of(view(0, "up"), view(1, "up"), view(2, "up")), refused(IP));

    assertThat(FailoverDecisions.confirm(PRIMARY, seen))
        .isEqualTo(
            Decision.no(
                "postgres/0 is not confirmed down: no pgpool sees it down and the control plane"
                    + " cannot reach it; a quorum is 2 pgpools, or 1 and the control plane"
                    + " [pgpool/0: up, pgpool/1: up, pgpool/2: up, control plane: refused]"));
  }

  @Test
  void onePgpoolWithoutAControlPlaneViewIsNoQuorum() {
    Observation seen = seen(List.of(view(0, "down"), view(1, "waiting"), view(2, "up")), null);

    assertThat(FailoverDecisions.confirm(PRIMARY, seen))
        .isEqualTo(
            Decision.no(
                "postgres/0 is not confirmed down: only 1 pgpool sees it down and the control"
                    + " plane has no view; a quorum is 2 pgpools, or 1 and the control plane"
                    + " [pgpool/0: down, pgpool/1: waiting, pgpool/2: up, control plane: no view]"));
  }

  @Test
  void pgpoolsWithoutAViewDoNotVote() {
    PgpoolNodeStatus stopped = new PgpoolNodeStatus("pgpool", 9999, false, List.of());
    PgpoolNodeStatus noBackend = new PgpoolNodeStatus("pgpool", 9999, true, List.of());
    Observation seen =
        seen(
            List.of(
                PgpoolView.of("pgpool/0", stopped, 0),
                PgpoolView.of("pgpool/1", noBackend, 0),
                view(2, "down")),
            writable(IP, 1));

    assertThat(FailoverDecisions.confirm(PRIMARY, seen).reason())
        .isEqualTo(
            "postgres/0 is not confirmed down: only 1 pgpool sees it down and the control plane"
                + " reaches it; a quorum is 2 pgpools, or 1 and the control plane [pgpool/0: no"
                + " view (pgpool not running), pgpool/1: no view (no backend 0), pgpool/2: down,"
                + " control plane: writable]");
  }

  @Test
  void theSecondLookSaysWhetherThePrimaryStayedDown() {
    Observation down =
        seen(List.of(view(0, "down"), view(1, "down"), view(2, "down")), refused(IP));
    Observation back =
        seen(List.of(view(0, "up"), view(1, "down"), view(2, "up")), inRecovery(IP, 1));
    Duration tolerance = Duration.ofMillis(2500);

    assertThat(FailoverDecisions.stillDown(PRIMARY, tolerance, down))
        .isEqualTo(
            Decision.yes(
                "postgres/0 is still down after the 2500 ms tolerance, for a quorum of 3 pgpools"
                    + " and the control plane [pgpool/0: down, pgpool/1: down, pgpool/2: down,"
                    + " control plane: refused]"));
    assertThat(FailoverDecisions.stillDown(PRIMARY, tolerance, back))
        .isEqualTo(
            Decision.no(
                "postgres/0 came back within the 2500 ms tolerance: only 1 pgpool sees it down"
                    + " and the control plane reaches it [pgpool/0: up, pgpool/1: down,"
                    + " pgpool/2: up, control plane: in recovery]"));
  }

  @Test
  void anOperatorNeedsNoQuorum() {
    Observation healthy =
        seen(List.of(view(0, "up"), view(1, "up"), view(2, "up")), writable(IP, 1));

    assertThat(FailoverDecisions.manual(PRIMARY, healthy))
        .isEqualTo(
            Decision.yes(
                "an operator asked to fail over from postgres/0 [pgpool/0: up, pgpool/1: up,"
                    + " pgpool/2: up, control plane: writable]"));
  }

  @Test
  void theToleranceCountsFromTheEarliestReport() {
    Duration tolerance = Duration.ofSeconds(5);
    List<FailureReport> reports =
        List.of(
            new FailureReport("pgpool/1", 10_000, "health check failed"),
            new FailureReport("pgpool/0", 8_000, "health check failed"));

    assertThat(FailoverDecisions.remainingTolerance(tolerance, 9_000, reports))
        .isEqualTo(Duration.ofSeconds(4));
    assertThat(FailoverDecisions.remainingTolerance(tolerance, 20_000, reports)).isZero();
    assertThat(FailoverDecisions.remainingTolerance(tolerance, 7_000, reports))
        .as("a report from the future (clock skew) counts as now")
        .isEqualTo(tolerance);
    assertThat(FailoverDecisions.remainingTolerance(tolerance, 9_000, List.of()))
        .isEqualTo(tolerance);
  }

  @Test
  void anUnsetToleranceIsTheDefault() {
    assertThat(FailoverFixture.input(false, 0).tolerance()).isEqualTo(Duration.ofSeconds(5));
  }

  private static PgpoolView view(int index, String status) {
    return PgpoolView.of("pgpool/" + index, FailoverFixture.pgpool(status), 0);
  }

  private static Observation seen(List<PgpoolView> views, NodeProbe primary) {
    return new Observation(views, primary, STANDBY);
  }
}
