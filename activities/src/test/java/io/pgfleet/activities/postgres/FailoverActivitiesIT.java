package io.pgfleet.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.host.PromoteInput;
import io.pgfleet.workflows.host.RejoinResult;
import io.pgfleet.workflows.host.RerouteInput;
import io.pgfleet.workflows.postgres.NodeProbe;
import io.pgfleet.workflows.postgres.ProbeInput;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The failover activities in the order a FailoverWorkflow calls them, against real PostgreSQL 15
 * and pgpool-II 4.3: the primary (node 0) crashes, the control plane's probe sees it refuse
 * connections, node 1 is promoted, pgpool re-routed, node 0 rejoins as a standby and is attached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class FailoverActivitiesIT {

  /** A probe of a frozen node must give up within its timeout (plus scheduling slack). */
  private static final long PROBE_TIMEOUT_MILLIS = 1_000;

  private static final long PROBE_SLACK_MILLIS = 1_500;
  private static final long REPLAY_WAIT_MILLIS = 10_000;

  private FailoverTestCluster cluster;
  private final PostgresSqlActivitiesImpl sql = new PostgresSqlActivitiesImpl();

  @BeforeAll
  void assemble() throws Exception {
    cluster = new FailoverTestCluster();
    cluster.assemble();
    try (Connection c = cluster.throughPgpool()) {
      SqlTestCluster.execute(c, "CREATE TABLE acked (id int PRIMARY KEY, note text)");
      SqlTestCluster.execute(
          c, "INSERT INTO acked SELECT g, 'before' FROM generate_series(1, 100) g");
    }
    awaitRows(1, "SELECT count(*) FROM acked", "100");
  }

  @AfterAll
  void cleanUp() throws Exception {
    cluster.close();
  }

  @Test
  @Order(1)
  void aCrashedPrimaryRefusesConnections() throws Exception {
    NodeProbe alive = probe(0, PROBE_TIMEOUT_MILLIS);
    cluster.killPostgres(0);

    long started = System.currentTimeMillis();
    NodeProbe dead = probe(0, PROBE_TIMEOUT_MILLIS);

    assertThat(alive.reachable()).isTrue();
    assertThat(alive.writable()).isTrue();
    assertThat(alive.timeline()).isEqualTo(1);
    assertThat(dead.reachable()).isFalse();
    assertThat(dead.refused()).as(dead.error()).isTrue();
    assertThat(dead.writable()).isFalse();
    assertThat(dead.error()).contains("refused");
    assertThat(System.currentTimeMillis() - started).isLessThan(PROBE_TIMEOUT_MILLIS);
  }

  @Test
  @Order(2)
  void theStandbyIsPromotedOnceToTimelineTwo() {
    PostgresNodeStatus first = cluster.postgres.get(1).promote(new PromoteInput(30));
    PostgresNodeStatus again = cluster.postgres.get(1).promote(new PromoteInput(30));

    assertThat(first.role()).isEqualTo(PostgresRole.PRIMARY);
    assertThat(first.timeline()).isEqualTo(2);
    assertThat(again.role()).isEqualTo(PostgresRole.PRIMARY);
    assertThat(again.timeline()).isEqualTo(2);
    NodeProbe probe = probe(1, PROBE_TIMEOUT_MILLIS);
    assertThat(probe.writable()).isTrue();
    assertThat(probe.timeline()).isEqualTo(2);
  }

  @Test
  @Order(3)
  void pgpoolSendsWritesToTheNewPrimary() throws Exception {
    PgpoolNodeStatus routed = cluster.pgpool.reroute(new RerouteInput(1, List.of(0)));
    PgpoolNodeStatus again = cluster.pgpool.reroute(new RerouteInput(1, List.of(0)));

    for (PgpoolNodeStatus status : List.of(routed, again)) {
      assertThat(status.backends())
          .extracting(PgpoolBackendStatus::id, PgpoolBackendStatus::status)
          .containsExactly(tuple(0, "down"), tuple(1, "up"));
      assertThat(status.backends().get(1).role()).isEqualTo("primary");
    }
    try (Connection c = cluster.throughPgpool()) {
      SqlTestCluster.execute(
          c, "INSERT INTO acked SELECT g, 'after' FROM generate_series(101, 150) g");
    }
    try (Connection c = cluster.superuser(1)) {
      assertThat(SqlTestCluster.query(c, "SELECT count(*) FROM acked WHERE note = 'after'"))
          .isEqualTo("50");
    }
  }

  @Test
  @Order(4)
  void theOldPrimaryRejoinsAsAStreamingStandbyOfTheNewOne() throws Exception {
    RejoinResult rejoined = cluster.postgres.get(0).rejoinAsStandby(cluster.standbyOf(1, 0));

    assertThat(rejoined.method()).isEqualTo(RejoinResult.Method.REWOUND);
    assertThat(rejoined.status().role()).isEqualTo(PostgresRole.STANDBY);
    assertThat(rejoined.status().streaming()).isTrue();
    assertThat(rejoined.status().timeline()).isEqualTo(2);
    awaitRows(0, "SELECT count(*) FROM acked", "150");
    try (Connection c = cluster.superuser(0)) {
      assertThat(SqlTestCluster.query(c, "SELECT count(*) FROM pg_replication_slots"))
          .as("no slot of the old timeline survives the rewind")
          .isEqualTo("0");
    }
    try (Connection c = cluster.superuser(1)) {
      assertThat(
              SqlTestCluster.query(
                  c, "SELECT state FROM pg_stat_replication WHERE application_name = 'postgres_0'"))
          .isEqualTo("streaming");
      assertThat(
              SqlTestCluster.query(
                  c, "SELECT active FROM pg_replication_slots WHERE slot_name = 'postgres_0'"))
          .isEqualTo("t");
    }

    RejoinResult again = cluster.postgres.get(0).rejoinAsStandby(cluster.standbyOf(1, 0));
    assertThat(again.method()).isEqualTo(RejoinResult.Method.ALREADY_STREAMING);
    assertThat(again.status().streaming()).isTrue();
  }

  @Test
  @Order(5)
  void pgpoolTakesTheRejoinedNodeBackAsStandby() {
    PgpoolNodeStatus attached = cluster.pgpool.attachBackend(0);
    PgpoolNodeStatus again = cluster.pgpool.attachBackend(0);

    for (PgpoolNodeStatus status : List.of(attached, again)) {
      assertThat(status.backends())
          .extracting(
              PgpoolBackendStatus::id, PgpoolBackendStatus::status, PgpoolBackendStatus::role)
          .containsExactly(tuple(0, "up", "standby"), tuple(1, "up", "primary"));
    }
  }

  @Test
  @Order(6)
  void aFrozenNodeTimesOutWithoutCountingAsRefused() throws Exception {
    NodeProbe standby = probe(0, PROBE_TIMEOUT_MILLIS);
    long pid = cluster.postmasterPid(0).orElseThrow();
    NodeProbe frozen;
    long elapsed;
    FailoverTestCluster.signal(pid, "STOP");
    try {
      long started = System.currentTimeMillis();
      frozen = probe(0, PROBE_TIMEOUT_MILLIS);
      elapsed = System.currentTimeMillis() - started;
    } finally {
      FailoverTestCluster.signal(pid, "CONT");
    }

    assertThat(standby.reachable()).isTrue();
    assertThat(standby.writable()).isFalse();
    assertThat(standby.timeline()).isEqualTo(2);
    assertThat(frozen.reachable()).isFalse();
    assertThat(frozen.refused()).as(frozen.error()).isFalse();
    assertThat(frozen.error()).isNotBlank();
    assertThat(elapsed).isLessThan(PROBE_TIMEOUT_MILLIS + PROBE_SLACK_MILLIS);
    assertThat(probe(0, PROBE_TIMEOUT_MILLIS).reachable()).isTrue();
  }

  private NodeProbe probe(int vm, long timeoutMillis) {
    return sql.probe(new ProbeInput(cluster.endpoint(vm), timeoutMillis));
  }

  private void awaitRows(int vm, String sql, String expected) throws Exception {
    long deadline = System.currentTimeMillis() + REPLAY_WAIT_MILLIS;
    String seen = null;
    try (Connection c = cluster.superuser(vm)) {
      while (System.currentTimeMillis() < deadline) {
        try {
          seen = SqlTestCluster.query(c, sql);
          if (expected.equals(seen)) {
            return;
          }
        } catch (java.sql.SQLException notReplayedYet) {
          seen = notReplayedYet.getMessage(); // e.g. the table itself is not replayed yet
        }
        Thread.sleep(50);
      }
    }
    throw new AssertionError(sql + " on node " + vm + " gave " + seen + ", expected " + expected);
  }
}
