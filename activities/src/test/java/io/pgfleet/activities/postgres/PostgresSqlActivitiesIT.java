package io.pgfleet.activities.postgres;

import static io.pgfleet.activities.postgres.SqlTestCluster.PGPOOL_PORT;
import static io.pgfleet.activities.postgres.SqlTestCluster.POSTGRES_PORT;
import static io.pgfleet.activities.postgres.SqlTestCluster.connect;
import static io.pgfleet.activities.postgres.SqlTestCluster.execute;
import static io.pgfleet.activities.postgres.SqlTestCluster.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.pgfleet.workflows.postgres.ApplicationDatabaseInput;
import io.pgfleet.workflows.postgres.BindingRoleInput;
import io.pgfleet.workflows.postgres.DropBindingRoleInput;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.ReplicationCheck;
import io.pgfleet.workflows.postgres.VerifyReplicationInput;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The SQL activities against real PostgreSQL 15 (primary + streaming standby) and two pgpools, in
 * the order a provision, a bind and an unbind call them. Every activity runs twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class PostgresSqlActivitiesIT {

  private static final String DB = "app";
  private static final String OWNER = "app_owner";

  /** Generous for a healthy standby on loopback; the failure cases use {@link #SHORT_WAIT}. */
  private static final long REPLAY_WAIT_MILLIS = 10_000;

  /** Long enough to be sure the paused standby is not just slow, short enough for a quick test. */
  private static final long SHORT_WAIT = 300;

  private final PostgresSqlActivitiesImpl sql = new PostgresSqlActivitiesImpl();
  private SqlTestCluster cluster;
  private final String alicePassword = "it's a \\ secret " + UUID.randomUUID();
  private final String bobPassword = UUID.randomUUID().toString();

  @BeforeAll
  void assemble() throws Exception {
    cluster = new SqlTestCluster();
    cluster.assemble();
  }

  @AfterAll
  void tearDown() throws Exception {
    cluster.close();
  }

  @Test
  @Order(1)
  void createsTheApplicationDatabaseOwnedByANologinRoleOnce() throws Exception {
    ApplicationDatabaseInput input =
        new ApplicationDatabaseInput(cluster.primaryEndpoint(), DB, OWNER);

    sql.ensureApplicationDatabase(input);
    sql.ensureApplicationDatabase(input);

    try (Connection c = cluster.superuser(0, "postgres")) {
      assertThat(query(c, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?", DB))
          .isEqualTo(OWNER);
      assertThat(query(c, "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = ?", OWNER))
          .isEqualTo("false");
      assertThat(
              query(
                  c,
                  "SELECT count(*) FROM pg_database d, aclexplode(d.datacl) a"
                      + " WHERE d.datname = ? AND a.grantee = 0 AND a.privilege_type = 'CONNECT'",
                  DB))
          .as("PUBLIC may not connect")
          .isEqualTo("0");
    }
  }

  @Test
  @Order(2)
  void aBindingRoleLogsInThroughPgpoolAndCreatesObjectsOwnedByTheOwnerRole() throws Exception {
    sql.ensureBindingRole(binding("alice", "first-" + UUID.randomUUID()));
    sql.ensureBindingRole(binding("alice", alicePassword)); // a retry with a new password resets it
    cluster.awaitStandbyCaughtUp();

    try (Connection c = viaPgpool(0, "alice", alicePassword)) {
      assertThat(query(c, "SELECT session_user || '/' || current_user"))
          .isEqualTo("alice/" + OWNER);
      execute(c, "CREATE TABLE notes (id int PRIMARY KEY, body text)");
      execute(c, "INSERT INTO notes VALUES (1, 'from alice')");
    }
    try (Connection c = cluster.superuser(0, DB)) {
      assertThat(query(c, "SELECT tableowner FROM pg_tables WHERE tablename = 'notes'"))
          .isEqualTo(OWNER);
    }
    try (Connection c = cluster.superuser(0, "postgres")) {
      assertThat(query(c, "SELECT rolpassword FROM pg_authid WHERE rolname = 'alice'"))
          .startsWith("SCRAM-SHA-256$");
    }
  }

  @Test
  @Order(3)
  void everyBindingSeesTheSameObjectsAndDroppingOneKeepsThem() throws Exception {
    sql.ensureBindingRole(binding("bob", bobPassword));
    cluster.awaitStandbyCaughtUp();
    try (Connection c = viaPgpool(1, "bob", bobPassword)) {
      execute(c, "INSERT INTO notes VALUES (2, 'from bob')");
    }
    cluster.awaitStandbyCaughtUp(); // pgpool may send the read to the standby
    try (Connection c = viaPgpool(1, "bob", bobPassword)) {
      assertThat(query(c, "SELECT count(*) FROM notes")).isEqualTo("2");
    }

    DropBindingRoleInput drop =
        new DropBindingRoleInput(cluster.primaryEndpoint(), DB, OWNER, "alice");
    sql.dropBindingRole(drop);
    sql.dropBindingRole(drop);

    try (Connection c = cluster.superuser(0, DB)) {
      assertThat(query(c, "SELECT count(*) FROM pg_roles WHERE rolname = 'alice'")).isEqualTo("0");
      assertThat(query(c, "SELECT tableowner FROM pg_tables WHERE tablename = 'notes'"))
          .isEqualTo(OWNER);
      assertThat(query(c, "SELECT count(*) FROM notes")).isEqualTo("2");
    }
    // Checked on PostgreSQL itself: a pgpool child that cached a backend session of alice's may
    // still let her in until that session ends (pgpool's connection cache, not this activity).
    assertThatThrownBy(
            () -> connect(cluster.host(0), POSTGRES_PORT, DB, "alice", alicePassword).close())
        .isInstanceOf(SQLException.class);
    try (Connection c = connect(cluster.host(0), POSTGRES_PORT, DB, "bob", bobPassword)) {
      assertThat(query(c, "SELECT count(*) FROM notes")).isEqualTo("2");
    }
  }

  @Test
  @Order(4)
  void rejectsNamesThatAreNotPlainOrBelongToTheClusterWithoutRetrying() throws Exception {
    for (String bad :
        List.of(
            "Alice", "x\"; DROP ROLE postgres; --", "", "postgres", "replicator", "pg_monitor")) {
      assertInvalid(() -> sql.ensureBindingRole(binding(bad, "pw")));
      assertInvalid(
          () ->
              sql.dropBindingRole(
                  new DropBindingRoleInput(cluster.primaryEndpoint(), DB, OWNER, bad)));
      assertInvalid(
          () ->
              sql.ensureApplicationDatabase(
                  new ApplicationDatabaseInput(cluster.primaryEndpoint(), DB, bad)));
    }
    assertInvalid(
        () ->
            sql.ensureApplicationDatabase(
                new ApplicationDatabaseInput(cluster.primaryEndpoint(), "template1", OWNER)));
    assertInvalid(
        () ->
            sql.ensureBindingRole(
                new BindingRoleInput(
                    cluster.primaryEndpoint(), "missing_db", OWNER, "carol", "pw")));
    try (Connection c = cluster.superuser(0, "postgres")) {
      assertThat(query(c, "SELECT count(*) FROM pg_roles WHERE rolname IN ('Alice', 'carol')"))
          .isEqualTo("0");
      assertThat(query(c, "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = 'postgres'"))
          .isEqualTo("true");
    }
  }

  @Test
  @Order(5)
  void anUnreachablePrimaryIsARetryableFailureNamingItsAddress() {
    PostgresEndpoint nowhere =
        new PostgresEndpoint(cluster.prefix + "9", POSTGRES_PORT, cluster.superuserPassword);

    assertThatThrownBy(
            () -> sql.ensureApplicationDatabase(new ApplicationDatabaseInput(nowhere, DB, OWNER)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(FailureType.HOST_COMMAND_FAILED.name());
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getOriginalMessage())
                  .contains("primary " + cluster.prefix + "9:5432")
                  .doesNotContain(cluster.superuserPassword);
            });
  }

  @Test
  @Order(6)
  void markersWrittenThroughEveryPgpoolReachTheStandby() throws Exception {
    ReplicationCheck first =
        sql.verifyReplication(verifyInput(cluster.standbyEndpoint(), REPLAY_WAIT_MILLIS));
    ReplicationCheck second =
        sql.verifyReplication(verifyInput(cluster.standbyEndpoint(), REPLAY_WAIT_MILLIS));

    assertThat(first.markersWritten()).isEqualTo(2);
    assertThat(second.markersWritten()).isEqualTo(2);
    assertThat(first.slowestReplayMillis()).isBetween(0L, REPLAY_WAIT_MILLIS);
    try (Connection c = cluster.superuser(1, "postgres")) {
      assertThat(query(c, "SELECT count(DISTINCT via) FROM pgfleet_verify")).isEqualTo("2");
      assertThat(query(c, "SELECT count(*) FROM pgfleet_verify")).isEqualTo("4");
    }
  }

  @Test
  @Order(7)
  void aStandbyThatDoesNotReplayFailsNamingTheStandbyAndThePgpool() throws Exception {
    try (Connection c = cluster.superuser(1, "postgres")) {
      execute(c, "SELECT pg_wal_replay_pause()");
      try {
        assertThatThrownBy(
                () -> sql.verifyReplication(verifyInput(cluster.standbyEndpoint(), SHORT_WAIT)))
            .isInstanceOfSatisfying(
                ApplicationFailure.class,
                failure -> {
                  assertThat(failure.isNonRetryable()).isFalse();
                  assertThat(failure.getOriginalMessage())
                      .contains("standby " + cluster.host(1) + ":5432")
                      .contains("pgpool " + cluster.pgpoolEndpoints().get(0))
                      .contains("within " + SHORT_WAIT + " ms");
                });
      } finally {
        execute(c, "SELECT pg_wal_replay_resume()");
      }
    }
  }

  @Test
  @Order(8)
  void aPrimaryPassedAsTheStandbyIsAConflictNotASuccess() {
    assertThatThrownBy(
            () -> sql.verifyReplication(verifyInput(cluster.primaryEndpoint(), SHORT_WAIT)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(FailureType.HOST_STATE_CONFLICT.name());
              assertThat(failure.getOriginalMessage())
                  .contains(cluster.host(0) + ":5432", "not a standby");
            });
  }

  @Test
  @Order(9)
  void aStoppedStandbyFailsTheCheckNamingTheStandby() {
    cluster.standby.stop(StopPostgresInput.fast());

    assertThatThrownBy(
            () -> sql.verifyReplication(verifyInput(cluster.standbyEndpoint(), SHORT_WAIT)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(FailureType.HOST_COMMAND_FAILED.name());
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getOriginalMessage())
                  .contains("standby " + cluster.host(1) + ":5432")
                  .doesNotContain(cluster.superuserPassword);
            });
  }

  private BindingRoleInput binding(String username, String password) {
    return new BindingRoleInput(cluster.primaryEndpoint(), DB, OWNER, username, password);
  }

  private VerifyReplicationInput verifyInput(PostgresEndpoint standby, long waitMillis) {
    return new VerifyReplicationInput(
        cluster.pgpoolEndpoints(), standby, cluster.superuserPassword, waitMillis);
  }

  private Connection viaPgpool(int index, String user, String password) throws SQLException {
    return connect(cluster.host(2 + index), PGPOOL_PORT, DB, user, password);
  }

  private static void assertInvalid(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }
}
