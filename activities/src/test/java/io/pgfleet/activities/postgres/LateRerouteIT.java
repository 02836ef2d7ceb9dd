package io.pgfleet.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PromoteInput;
import io.pgfleet.workflows.host.RejoinResult;
import io.pgfleet.workflows.host.RerouteInput;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The slow paths. pgpool: its health check detaches the dead primary and its search for a new one
 * gives up (search_primary_node_timeout, 10 s) before the control plane has fenced and promoted the
 * standby. pgpool does not search again by itself, so reroute must tell it (pcp_promote_node). The
 * old primary: it returns with an empty disk, so it rejoins by a base backup.
 */
class LateRerouteIT {

  /** Health check: 1 s period, 2 retries 1 s apart, so a refused node is detached within ~4 s. */
  private static final long DETACH_WAIT_MILLIS = 10_000;

  /** pgpool's search_primary_node_timeout (PgpoolConf) plus a round of its search loop. */
  private static final long SEARCH_GIVES_UP_MILLIS = 11_000;

  private FailoverTestCluster cluster;

  @BeforeEach
  void assemble() throws Exception {
    cluster = new FailoverTestCluster();
    cluster.assemble();
  }

  @AfterEach
  void cleanUp() throws Exception {
    cluster.close();
  }

  @Test
  void reroutePromotesInPgpoolWhenItsSearchGaveUpAndAnEmptyNodeRejoinsByBaseBackup()
      throws Exception {
    cluster.killPostgres(0);
    awaitBackend0Down();
    Thread.sleep(SEARCH_GIVES_UP_MILLIS);
    PgpoolNodeStatus before = cluster.pgpool.status();
    cluster.postgres.get(1).promote(new PromoteInput(30));

    PgpoolNodeStatus routed = cluster.pgpool.reroute(new RerouteInput(1, List.of(0)));

    assertThat(before.backends())
        .extracting(PgpoolBackendStatus::status, PgpoolBackendStatus::role)
        .as("pgpool knows no primary before the reroute")
        .doesNotContain(tuple("up", "primary"));
    assertThat(routed.backends())
        .extracting(PgpoolBackendStatus::status, PgpoolBackendStatus::role)
        .containsExactly(tuple("down", "standby"), tuple("up", "primary"));
    try (Connection c = cluster.throughPgpool()) {
      SqlTestCluster.execute(c, "CREATE TABLE after_failover (id int)");
      SqlTestCluster.execute(c, "INSERT INTO after_failover VALUES (1)");
    }
    try (Connection c = cluster.superuser(1)) {
      assertThat(SqlTestCluster.query(c, "SELECT count(*) FROM after_failover")).isEqualTo("1");
    }

    // the old primary's VM comes back with an empty disk: nothing to rewind
    cluster.wipeData(0);
    RejoinResult rejoined = cluster.postgres.get(0).rejoinAsStandby(cluster.standbyOf(1, 0));

    assertThat(rejoined.method()).isEqualTo(RejoinResult.Method.BASE_BACKUP);
    assertThat(rejoined.status().streaming()).isTrue();
    assertThat(rejoined.status().timeline()).isEqualTo(2);
    try (Connection c = cluster.superuser(0)) {
      assertThat(SqlTestCluster.query(c, "SELECT count(*) FROM after_failover")).isEqualTo("1");
    }
  }

  private void awaitBackend0Down() throws InterruptedException {
    long deadline = System.currentTimeMillis() + DETACH_WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if ("down".equals(cluster.pgpool.status().backends().get(0).status())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "pgpool did not detach the killed primary: " + cluster.pgpool.status());
  }
}
