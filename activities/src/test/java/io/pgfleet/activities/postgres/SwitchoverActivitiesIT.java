package io.pgfleet.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.AwaitWalInput;
import io.pgfleet.workflows.host.AwaitWalInput.Mark;
import io.pgfleet.workflows.host.CleanStop;
import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.host.PromoteInput;
import io.pgfleet.workflows.host.RejoinResult;
import io.pgfleet.workflows.host.RerouteInput;
import io.pgfleet.workflows.host.WriteHold;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The switchover's host activities against real PostgreSQL 15: writes held and released on the
 * primary, a rollback after the clean stop, then the planned handover itself — held, caught up,
 * stopped cleanly, the shutdown checkpoint received, promoted — with no acknowledged row lost and
 * the old primary back as a standby without a base backup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class SwitchoverActivitiesIT {

  /** SQLSTATE 25006: read_only_sql_transaction. */
  private static final String READ_ONLY = "25006";

  /** The standby is on the same host: it catches up within milliseconds. */
  private static final int WAL_WAIT_SECONDS = 10;

  private FailoverTestCluster cluster;
  private int acked;

  @BeforeAll
  void assemble() throws Exception {
    cluster = new FailoverTestCluster();
    cluster.assemble();
    try (Connection c = cluster.superuser(0)) {
      SqlTestCluster.execute(c, "CREATE TABLE acked (id int PRIMARY KEY)");
    }
    write();
  }

  @AfterAll
  void cleanUp() throws Exception {
    cluster.close();
  }

  @Test
  @Order(1)
  void heldWritesAreRefusedAndOpenTransactionsEnded() throws Exception {
    PostgresNodeStatus checkpointed = cluster.postgres.get(0).checkpoint();
    try (Connection open = cluster.superuser(0)) {
      open.setAutoCommit(false);
      SqlTestCluster.execute(open, "INSERT INTO acked VALUES (-1)");

      WriteHold held = cluster.postgres.get(0).holdWrites();
      WriteHold again = cluster.postgres.get(0).holdWrites();

      assertThat(checkpointed.role()).isEqualTo(PostgresRole.PRIMARY);
      assertThat(held.terminatedSessions()).isEqualTo(1);
      assertThat(again.terminatedSessions()).isZero();
      assertThat((Throwable) catchThrowableOfType(SQLException.class, open::commit))
          .as("the transaction begun before the hold cannot commit")
          .isNotNull();
    }
    SQLException refused = catchThrowableOfType(SQLException.class, this::write);
    assertThat((Throwable) refused).isNotNull();
    assertThat(refused.getSQLState()).isEqualTo(READ_ONLY);
    try (Connection c = cluster.superuser(0)) {
      assertThat(SqlTestCluster.query(c, "SELECT count(*) FROM acked")).isEqualTo("" + acked);
    }
  }

  @Test
  @Order(2)
  void releasedWritesAreAcceptedAgain() throws Exception {
    cluster.postgres.get(0).releaseWrites();
    PostgresNodeStatus again = cluster.postgres.get(0).releaseWrites();

    write();
    assertThat(again.role()).isEqualTo(PostgresRole.PRIMARY);
    try (Connection c = cluster.superuser(0)) {
      assertThat(SqlTestCluster.query(c, "SELECT count(*) FROM acked")).isEqualTo("" + acked);
    }
  }

  @Test
  @Order(3)
  void aPrimaryStoppedCleanlyStartsWritableForARollback() throws Exception {
    cluster.postgres.get(0).holdWrites();
    CleanStop stopped = cluster.postgres.get(0).stopCleanly();
    CleanStop again = cluster.postgres.get(0).stopCleanly();

    assertThat(again).isEqualTo(stopped);
    assertThat(stopped.timeline()).isEqualTo(1);
    cluster.postgres.get(1).awaitWal(received(stopped));
    PostgresNodeStatus started = cluster.postgres.get(0).start();
    assertThat(started.role()).isEqualTo(PostgresRole.PRIMARY);
    write();
  }

  @Test
  @Order(4)
  void aCleanHandoverLosesNothingAndNeedsNoBaseBackup() throws Exception {
    write();
    WriteHold held = cluster.postgres.get(0).holdWrites();
    PostgresNodeStatus caughtUp =
        cluster
            .postgres
            .get(1)
            .awaitWal(new AwaitWalInput(held.flushLsn(), Mark.REPLAYED_UP_TO, WAL_WAIT_SECONDS));
    CleanStop stopped = cluster.postgres.get(0).stopCleanly();
    PostgresNodeStatus received = cluster.postgres.get(1).awaitWal(received(stopped));
    PostgresNodeStatus promoted = cluster.postgres.get(1).promote(new PromoteInput(30));

    assertThat(caughtUp.role()).isEqualTo(PostgresRole.STANDBY);
    assertThat(received.role()).isEqualTo(PostgresRole.STANDBY);
    assertThat(promoted.role()).isEqualTo(PostgresRole.PRIMARY);
    assertThat(promoted.timeline()).isEqualTo(2);
    try (Connection c = cluster.superuser(1)) {
      assertThat(SqlTestCluster.query(c, "SELECT count(*) FROM acked")).isEqualTo("" + acked);
    }
    PgpoolNodeStatus routed = cluster.pgpool.switchPrimary(new RerouteInput(1, List.of(0)));
    PgpoolNodeStatus again = cluster.pgpool.switchPrimary(new RerouteInput(1, List.of(0)));
    for (PgpoolNodeStatus status : List.of(routed, again)) {
      assertThat(status.backends())
          .extracting(PgpoolBackendStatus::id, PgpoolBackendStatus::status)
          .containsExactly(tuple(0, "down"), tuple(1, "up"));
      assertThat(status.backends().get(1).role()).isEqualTo("primary");
    }
    try (Connection c = cluster.throughPgpool()) {
      SqlTestCluster.execute(c, "INSERT INTO acked VALUES (" + (acked + 1) + ")");
      acked++;
    }

    RejoinResult rejoined = cluster.postgres.get(0).rejoinAsStandby(cluster.standbyOf(1, 0));
    assertThat(rejoined.method()).isEqualTo(RejoinResult.Method.REWOUND);
    assertThat(rejoined.status().streaming()).isTrue();
    assertThat(rejoined.status().timeline()).isEqualTo(2);
    try (Connection c = cluster.superuser(0)) {
      assertThat(SqlTestCluster.query(c, "SHOW default_transaction_read_only"))
          .as("the hold does not follow the old primary into its life as a standby")
          .isEqualTo("off");
    }
    assertThat(cluster.pgpool.attachBackend(0).backends())
        .extracting(PgpoolBackendStatus::id, PgpoolBackendStatus::status, PgpoolBackendStatus::role)
        .containsExactly(tuple(0, "up", "standby"), tuple(1, "up", "primary"));
  }

  @Test
  @Order(5)
  void aStandbyThatDoesNotCatchUpFailsNamingBothPositions() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                cluster
                    .postgres
                    .get(0)
                    .awaitWal(new AwaitWalInput("FF/0", Mark.REPLAYED_UP_TO, 1)));

    assertThat(failure.getType()).isEqualTo(FailureType.HOST_STATE_CONFLICT.name());
    assertThat(failure.getOriginalMessage()).contains("not replayed up to FF/0");
    ApplicationFailure notPrimary =
        catchThrowableOfType(ApplicationFailure.class, () -> cluster.postgres.get(0).stopCleanly());
    assertThat(notPrimary.getOriginalMessage()).contains("is a standby");
  }

  private static AwaitWalInput received(CleanStop stopped) {
    return new AwaitWalInput(stopped.shutdownCheckpointLsn(), Mark.RECEIVED_PAST, WAL_WAIT_SECONDS);
  }

  /** One acknowledged row on the current primary (node 0 until the handover). */
  private void write() throws SQLException {
    try (Connection c = cluster.superuser(0)) {
      SqlTestCluster.execute(c, "INSERT INTO acked VALUES (" + (acked + 1) + ")");
    }
    acked++;
  }
}
