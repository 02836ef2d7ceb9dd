package io.pgfleet.activities.postgres;

import static io.pgfleet.activities.postgres.SqlTestCluster.execute;
import static io.pgfleet.activities.postgres.SqlTestCluster.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.verify.BackupSqlActivities;
import io.pgfleet.workflows.verify.RestoreCheck;
import io.pgfleet.workflows.verify.RestoreCheckInput;
import io.pgfleet.workflows.verify.SentinelInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sentinel write and the restored-data checks against a real PostgreSQL 15 primary: an
 * application database with a quoted schema, TOASTed values, an unlogged table and an unpopulated
 * materialized view; then one of its tables overwritten on disk while the server is stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class BackupSqlActivitiesIT {

  private static final String BACKUP = "b-20261122-0800";
  private static final String DAMAGED = "\"Sales\".\"Order Lines\"";

  /** Relations the checks read: the sentinel table, two in app (the view is not populated). */
  private static final int RELATIONS = 3;

  /** Sentinel row + 200 order lines + 3 unlogged rows. */
  private static final long ROWS = 1 + 200 + 3;

  /** Bytes overwritten at the start of the damaged table's file: its first page. */
  private static final int PAGE = 8192;

  private SqlTestCluster cluster;
  private TestActivityEnvironment temporal;
  private BackupSqlActivities sql;

  @BeforeAll
  void startPrimaryWithData() throws Exception {
    cluster = new SqlTestCluster();
    cluster.primary.bootstrapPrimary(
        new BootstrapPrimaryInput(
            "verify-it",
            new PostgresCredentials(
                cluster.superuserPassword, "replicator", "r-" + UUID.randomUUID()),
            Map.of(),
            List.of(cluster.host(1))));
    try (Connection c = cluster.superuser(0, "postgres")) {
      execute(c, "CREATE DATABASE app");
    }
    try (Connection c = cluster.superuser(0, "app")) {
      execute(c, "CREATE SCHEMA \"Sales\"");
      execute(c, "CREATE TABLE " + DAMAGED + " (id int PRIMARY KEY, note text)");
      // ~10 kB of random hex per row: compressed still beyond the TOAST threshold
      execute(
          c,
          "INSERT INTO "
              + DAMAGED
              + " SELECT i, (SELECT string_agg(md5(random()::text || i || j), '')"
              + " FROM generate_series(1, 300) j) FROM generate_series(1, 200) i");
      execute(c, "CREATE UNLOGGED TABLE scratch (id int)");
      execute(c, "INSERT INTO scratch VALUES (1), (2), (3)");
      execute(c, "CREATE MATERIALIZED VIEW later AS SELECT 1 AS one WITH NO DATA");
      assertThat(
              query(
                  c,
                  "SELECT count(*) FROM pg_class WHERE reltoastrelid <> 0"
                      + " AND oid = '\"Sales\".\"Order Lines\"'::regclass"
                      + " AND pg_relation_size(reltoastrelid) > 0"))
          .as("the notes are TOASTed")
          .isEqualTo("1");
    }
    temporal = TestActivityEnvironment.newInstance();
    temporal.registerActivitiesImplementations(new BackupSqlActivitiesImpl());
    sql =
        temporal.newActivityStub(
            BackupSqlActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterAll
  void tearDown() throws Exception {
    if (temporal != null) {
      temporal.close();
    }
    cluster.close();
  }

  @Test
  @Order(1)
  void theSentinelRowIsWrittenOnce() throws Exception {
    SentinelInput input = new SentinelInput(cluster.primaryEndpoint(), BACKUP);

    sql.writeSentinel(input);
    String first = writtenAt();
    sql.writeSentinel(input);

    assertThat(writtenAt()).isEqualTo(first).isNotNull();
    try (Connection c = cluster.superuser(0, "postgres")) {
      assertThat(query(c, "SELECT count(*) FROM pgfleet_backup_sentinel")).isEqualTo("1");
    }
  }

  @Test
  @Order(2)
  void everyRelationIsReadAndTheSentinelFound() {
    RestoreCheck check =
        sql.checkRestored(new RestoreCheckInput(cluster.primaryEndpoint(), BACKUP));

    assertThat(check.problems()).isEmpty();
    assertThat(check.sentinelFound()).isTrue();
    assertThat(check.passed()).isTrue();
    assertThat(check.databases()).isEqualTo(2);
    assertThat(check.relationsRead()).isEqualTo(RELATIONS);
    assertThat(check.rowsRead()).isEqualTo(ROWS);
  }

  @Test
  @Order(3)
  void anotherBackupsSentinelIsMissing() {
    RestoreCheck check =
        sql.checkRestored(new RestoreCheckInput(cluster.primaryEndpoint(), "b-other"));

    assertThat(check.sentinelFound()).isFalse();
    assertThat(check.passed()).isFalse();
    assertThat(check.describe()).contains("sentinel row missing");
  }

  @Test
  @Order(4)
  void aServerThatDoesNotAnswerFailsRetryably() {
    PostgresEndpoint nobody =
        new PostgresEndpoint(cluster.prefix + "9", SqlTestCluster.POSTGRES_PORT, "x");

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class, () -> sql.checkRestored(new RestoreCheckInput(nobody, BACKUP)));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(FailureType.HOST_COMMAND_FAILED.name());
    assertThat(cause.isNonRetryable()).isFalse();
    assertThat(cause.getOriginalMessage()).contains("restored primary", cluster.prefix + "9");
  }

  @Test
  @Order(5)
  void aRelationOverwrittenOnDiskIsReportedAndTheRestStillRead() throws Exception {
    Path file;
    try (Connection c = cluster.superuser(0, "app")) {
      file =
          Path.of(query(c, "SHOW data_directory"))
              .resolve(query(c, "SELECT pg_relation_filepath('" + DAMAGED + "')"));
    }
    cluster.primary.stop(new StopPostgresInput(StopPostgresInput.ShutdownMode.FAST));
    overwriteFirstPage(file);
    cluster.primary.start();

    RestoreCheck check =
        sql.checkRestored(new RestoreCheckInput(cluster.primaryEndpoint(), BACKUP));

    assertThat(check.passed()).isFalse();
    assertThat(check.sentinelFound()).isTrue();
    assertThat(check.problems()).hasSize(1);
    assertThat(check.problems().get(0)).startsWith("app.Sales.Order Lines: ").contains("block 0");
    assertThat(check.relationsRead()).isEqualTo(RELATIONS - 1);
    assertThat(check.rowsRead()).isEqualTo(ROWS - 200);
  }

  /** Not zeros: PostgreSQL takes an all-zero page for a new, empty one. */
  private static void overwriteFirstPage(Path file) throws Exception {
    byte[] garbage = new byte[PAGE];
    Arrays.fill(garbage, (byte) 0x5a);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      assertThat(raf.length()).as("%s holds data", file).isGreaterThanOrEqualTo(PAGE);
      raf.seek(0);
      raf.write(garbage);
      raf.getFD().sync();
    }
  }

  private String writtenAt() throws Exception {
    try (Connection c = cluster.superuser(0, "postgres")) {
      return query(
          c, "SELECT written_at::text FROM pgfleet_backup_sentinel WHERE backup_id = ?", BACKUP);
    }
  }
}
