package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.inRecovery;
import static io.pgfleet.workflows.failover.FailoverFixture.refused;
import static io.pgfleet.workflows.failover.FailoverFixture.timedOut;
import static io.pgfleet.workflows.failover.FailoverFixture.writable;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.postgres.NodeProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A crash needs no tolerance wait (refused, with a quorum); after a blip, pgpool routes to the
 * primary again only if the control plane reaches it as writable. In sentences.
 */
class CrashAndRestoreDecisionTest {

  private static final ClusterNode PRIMARY = FailoverFixture.TOPOLOGY.primary();
  private static final String IP = PRIMARY.address();
  private static final Duration TOLERANCE = FailoverInput.DEFAULT_TOLERANCE;

  @Test
  void aRefusedPrimaryWithAQuorumIsACrash() {
    Observation seen = seen(refused(IP), "down", "down", "up");

    assertThat(FailoverDecisions.crashed(PRIMARY, TOLERANCE, seen))
        .isEqualTo(
            Decision.yes(
                "postgres/0 refuses connections (postmaster gone) for a quorum of 2 pgpools and"
                    + " the control plane [pgpool/0: down, pgpool/1: down, pgpool/2: up, control"
                    + " plane: refused]; no tolerance wait for a crash"));
  }

  @Test
  void onePgpoolAndARefusedConnectionAreEnough() {
    Observation seen = seen(refused(IP), "down", "up", "up");

    assertThat(FailoverDecisions.crashed(PRIMARY, TOLERANCE, seen).reason())
        .startsWith(
            "postgres/0 refuses connections (postmaster gone) for a quorum of 1 pgpool and the"
                + " control plane [");
  }

  @Test
  void aPrimaryThatTimesOutMayBeFrozenAndGetsTheTolerance() {
    Observation seen = seen(timedOut(IP), "down", "down", "down");

    assertThat(FailoverDecisions.crashed(PRIMARY, TOLERANCE, seen))
        .isEqualTo(
            Decision.no(
                "postgres/0 does not refuse connections (control plane: unreachable), it may be"
                    + " frozen or cut off: it gets the 5 s tolerance"));
  }

  @Test
  void withoutTheControlPlanesViewThereIsNoCrashVerdict() {
    assertThat(
            FailoverDecisions.crashed(
                    PRIMARY, Duration.ofMillis(2500), seen(null, "down", "down", "down"))
                .reason())
        .isEqualTo(
            "postgres/0 does not refuse connections (control plane: no view), it may be frozen or"
                + " cut off: it gets the 2500 ms tolerance");
    assertThat(
            FailoverDecisions.crashed(
                    PRIMARY, TOLERANCE, seen(writable(IP, 1), "down", "down", "up"))
                .yes())
        .as("pgpools cut off from a primary the control plane still reaches")
        .isFalse();
  }

  @Test
  void aRefusedConnectionWithoutAQuorumIsNoCrash() {
    Observation seen = seen(refused(IP), "up", "up", "waiting");

    assertThat(FailoverDecisions.crashed(PRIMARY, TOLERANCE, seen))
        .isEqualTo(
            Decision.no(
                "postgres/0 is not seen crashed: no pgpool sees it down and the control plane"
                    + " cannot reach it [pgpool/0: up, pgpool/1: up, pgpool/2: waiting, control"
                    + " plane: refused]"));
  }

  @Test
  void routingIsRestoredOnlyToAWritablePrimary() {
    List<String> detached = List.of("pgpool/0", "pgpool/2");

    assertThat(FailoverDecisions.restoreRouting(PRIMARY, detached, writable(IP, 1)))
        .isEqualTo(
            Decision.yes(
                "the control plane reaches postgres/0 (backend 0) as a writable primary: attaching"
                    + " it again in pgpool/0, pgpool/2"));
    assertThat(FailoverDecisions.restoreRouting(PRIMARY, detached, inRecovery(IP, 1)))
        .isEqualTo(
            Decision.no(
                "postgres/0 (backend 0) stays detached in pgpool/0, pgpool/2: the control plane"
                    + " does not reach it as a writable primary (control plane: in recovery)"));
    assertThat(FailoverDecisions.restoreRouting(PRIMARY, detached, timedOut(IP)).reason())
        .endsWith("(control plane: unreachable)");
    assertThat(FailoverDecisions.restoreRouting(PRIMARY, detached, null).reason())
        .endsWith("(control plane: no view)");
  }

  private static Observation seen(NodeProbe primary, String... pgpoolViews) {
    List<PgpoolView> views =
        java.util.stream.IntStream.range(0, pgpoolViews.length)
            .mapToObj(i -> PgpoolView.of("pgpool/" + i, FailoverFixture.pgpool(pgpoolViews[i]), 0))
            .toList();
    return new Observation(views, primary, inRecovery("10.244.0.11", 1));
  }
}
