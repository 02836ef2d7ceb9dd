package io.pgfleet.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The restore-routing sentence names which pgpools attached the primary again, and which not. */
class RoutingRestoreTest {

  private static final List<ClusterNode> PGPOOLS = FailoverFixture.TOPOLOGY.pgpools();
  private static final String BACKEND = "postgres/0 (backend 0)";
  private static final String NO_ANSWER = "no answer: schedule to start timeout";

  @Test
  void namesThePgpoolsThatAttachedItAndThoseThatDidNot() {
    assertThat(RoutingRestore.describe(BACKEND, List.of(attached(0), attached(1))))
        .isEqualTo("routing restored: pgpool/0, pgpool/1 attached postgres/0 (backend 0) again");
    assertThat(RoutingRestore.describe(BACKEND, List.of(attached(0), failed(2, NO_ANSWER))))
        .isEqualTo(
            "routing restored: pgpool/0 attached postgres/0 (backend 0) again; not by pgpool/2"
                + " (no answer: schedule to start timeout)");
    assertThat(
            RoutingRestore.describe(
                BACKEND, List.of(failed(0, "pcp_attach_node: connection refused"))))
        .isEqualTo(
            "routing not restored: pgpool/0 (pcp_attach_node: connection refused) did not attach"
                + " postgres/0 (backend 0) again");
  }

  @Test
  void onlyALookWithAPgpoolSeeingThePrimaryDownNeedsTheStep() {
    PgpoolView down = PgpoolView.of("pgpool/0", FailoverFixture.pgpool("down"), 0);
    PgpoolView up = PgpoolView.of("pgpool/1", FailoverFixture.pgpool("up"), 0);
    PgpoolView none = PgpoolView.noView("pgpool/2", NO_ANSWER);

    assertThat(RoutingRestore.needed(new Observation(List.of(up, down, none), null, null)))
        .isTrue();
    assertThat(RoutingRestore.needed(new Observation(List.of(up, none), null, null))).isFalse();
    assertThat(RoutingRestore.needed(null)).isFalse();
  }

  private static Answer<PgpoolNodeStatus> attached(int pgpool) {
    return new Answer<>(PGPOOLS.get(pgpool), FailoverFixture.pgpool("up"), null);
  }

  private static Answer<PgpoolNodeStatus> failed(int pgpool, String problem) {
    return new Answer<>(PGPOOLS.get(pgpool), null, problem);
  }
}
