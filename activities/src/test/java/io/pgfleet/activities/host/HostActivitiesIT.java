package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PgpoolBackend;
import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real PostgreSQL 15 and pgpool-II 4.3 on three loopback "VMs": primary, standby, pgpool. The tests
 * build on each other in order, as a provisioning workflow would call the activities.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class HostActivitiesIT {

  private TestCluster cluster;
  private String prefix;
  private PostgresHostActivitiesImpl primary;
  private PostgresHostActivitiesImpl standby;
  private PgpoolHostActivitiesImpl pgpool;

  @BeforeAll
  void createVms() throws Exception {
    cluster = new TestCluster();
    prefix = cluster.prefix;
    primary = new PostgresHostActivitiesImpl(cluster.primaryVm.env());
    standby = new PostgresHostActivitiesImpl(cluster.standbyVm.env());
    pgpool = new PgpoolHostActivitiesImpl(cluster.pgpoolVm.env());
  }

  @AfterAll
  void killEverything() {
    cluster.close();
  }

  @Test
  @Order(1)
  void bootstrapsAPrimaryOnceAndThenLeavesItAlone() throws Exception {
    PostgresNodeStatus first = primary.bootstrapPrimary(cluster.bootstrapInput(Map.of()));
    long pid = cluster.primaryVm.recordedPid(HostLayout.POSTGRES).orElseThrow();

    PostgresNodeStatus again = primary.bootstrapPrimary(cluster.bootstrapInput(Map.of()));

    assertThat(first.role()).isEqualTo(PostgresRole.PRIMARY);
    assertThat(first.timeline()).isEqualTo(1);
    assertThat(first.host()).isEqualTo(prefix + "2");
    assertThat(again.role()).isEqualTo(PostgresRole.PRIMARY);
    assertThat(again.timeline()).isEqualTo(first.timeline());
    assertThat(cluster.primaryVm.recordedPid(HostLayout.POSTGRES)).hasValue(pid);
    assertThat(cluster.primaryVm.environOf(pid)).contains(HostEnvironment.VM_ID_ENV + "=it-vm1");
    assertThat(Files.exists(cluster.primaryVm.layout().socketDir().resolve(".s.PGSQL.5432")))
        .isTrue();
  }

  @Test
  @Order(2)
  void buildsAStreamingStandbyOnceAndThenLeavesItAlone() throws Exception {
    PostgresNodeStatus first = standby.buildStandby(cluster.standbyInput(prefix + "2"));
    long pid = cluster.standbyVm.recordedPid(HostLayout.POSTGRES).orElseThrow();

    PostgresNodeStatus again = standby.buildStandby(cluster.standbyInput(prefix + "2"));

    assertThat(first.role()).isEqualTo(PostgresRole.STANDBY);
    assertThat(first.streaming()).isTrue();
    assertThat(again.role()).isEqualTo(PostgresRole.STANDBY);
    assertThat(again.streaming()).isTrue();
    assertThat(cluster.standbyVm.recordedPid(HostLayout.POSTGRES)).hasValue(pid);
    try (Connection c = cluster.superuser(cluster.primaryVm);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT application_name, state FROM pg_stat_replication")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("postgres_1");
      assertThat(rs.getString(2)).isEqualTo("streaming");
    }
  }

  @Test
  @Order(3)
  void configuresPgpoolOnceAndThenLeavesItAlone() throws Exception {
    PgpoolNodeStatus first = pgpool.configure(cluster.pgpoolInput(cluster.backends()));
    long pid = cluster.pgpoolVm.recordedPid(HostLayout.PGPOOL).orElseThrow();

    PgpoolNodeStatus again = pgpool.configure(cluster.pgpoolInput(cluster.backends()));

    assertThat(first.running()).isTrue();
    assertThat(first.backends())
        .extracting(
            PgpoolBackendStatus::host, PgpoolBackendStatus::status, PgpoolBackendStatus::role)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(prefix + "2", "up", "primary"),
            org.assertj.core.groups.Tuple.tuple(prefix + "3", "up", "standby"));
    assertThat(again).isEqualTo(first);
    assertThat(cluster.pgpoolVm.recordedPid(HostLayout.PGPOOL)).hasValue(pid);
    assertThat(cluster.pgpoolVm.environOf(pid)).contains(HostEnvironment.VM_ID_ENV + "=it-vm3");
  }

  @Test
  @Order(4)
  void aRowWrittenThroughPgpoolIsReadOnTheStandby() throws Exception {
    try (Connection c = cluster.superuser(cluster.primaryVm);
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE app LOGIN PASSWORD '" + cluster.appPassword + "'");
      s.execute("GRANT CREATE ON SCHEMA public TO app"); // PostgreSQL 15 no longer grants it
    }
    // pgpool opens a session on every backend: the standby must know the role too
    cluster.awaitStandbyCaughtUp();
    try (Connection c = cluster.app(cluster.pgpoolVm, 9999);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
      s.execute("INSERT INTO notes VALUES (1, 'through pgpool')");
    }
    cluster.awaitStandbyCaughtUp();
    try (Connection c = cluster.app(cluster.standbyVm, 5432);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT body FROM notes WHERE id = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("through pgpool");
    }
  }

  @Test
  @Order(5)
  void pgpoolReloadsForACheckChangeAndRestartsForABackendChange() {
    long pid = cluster.pgpoolVm.recordedPid(HostLayout.PGPOOL).orElseThrow();
    List<PgpoolBackend> backends =
        List.of(
            new PgpoolBackend(0, prefix + "2", 5432, "postgres_0"),
            new PgpoolBackend(1, prefix + "3", 5432, "standby_of_0"));

    PgpoolNodeStatus reloaded = pgpool.configure(cluster.pgpoolInput(backends));
    assertThat(reloaded.backends()).hasSize(2);
    assertThat(cluster.pgpoolVm.recordedPid(HostLayout.PGPOOL)).hasValue(pid);

    PgpoolNodeStatus restarted = pgpool.configure(cluster.pgpoolInput(backends.subList(0, 1)));
    assertThat(restarted.backends())
        .extracting(PgpoolBackendStatus::host)
        .containsExactly(prefix + "2");
    assertThat(cluster.pgpoolVm.recordedPid(HostLayout.PGPOOL)).isNotEqualTo(OptionalLong.of(pid));
  }

  @Test
  @Order(6)
  void thePrimaryReloadsOrRestartsAsAChangedSettingNeeds() throws Exception {
    long pid = cluster.primaryVm.recordedPid(HostLayout.POSTGRES).orElseThrow();

    primary.bootstrapPrimary(cluster.bootstrapInput(Map.of("work_mem", "8MB")));
    assertThat(cluster.primaryVm.recordedPid(HostLayout.POSTGRES)).hasValue(pid);
    assertThat(cluster.show(cluster.primaryVm, "work_mem")).isEqualTo("8MB");

    PostgresNodeStatus restarted =
        primary.bootstrapPrimary(
            cluster.bootstrapInput(Map.of("work_mem", "8MB", "shared_buffers", "24MB")));
    assertThat(restarted.role()).isEqualTo(PostgresRole.PRIMARY);
    assertThat(cluster.primaryVm.recordedPid(HostLayout.POSTGRES))
        .isNotEqualTo(OptionalLong.of(pid));
    assertThat(cluster.show(cluster.primaryVm, "shared_buffers")).isEqualTo("24MB");

    // an interrupted run wrote the file but never reloaded: the retry still applies it
    Map<String, String> plan = Map.of("work_mem", "16MB", "shared_buffers", "24MB");
    HostEnvironment env = cluster.primaryVm.env();
    HostLayout layout = cluster.primaryVm.layout();
    new HostFiles(env)
        .write(
            layout.pgData().resolve(PostgresConf.FILE_NAME),
            PostgresConf.render(PostgresSettings.primary(env, layout, plan)));
    primary.bootstrapPrimary(cluster.bootstrapInput(plan));
    assertThat(cluster.show(cluster.primaryVm, "work_mem")).isEqualTo("16MB");
  }

  @Test
  @Order(7)
  void stopsAndStartsTheStandbyIdempotently() {
    PostgresNodeStatus stopped = standby.stop(StopPostgresInput.fast());
    PostgresNodeStatus stoppedAgain = standby.stop(StopPostgresInput.fast());
    assertThat(stopped.role()).isEqualTo(PostgresRole.STOPPED);
    assertThat(stopped.timeline()).isEqualTo(1);
    assertThat(stoppedAgain).isEqualTo(stopped);
    assertThat(cluster.standbyVm.recordedPid(HostLayout.POSTGRES)).isEmpty();

    PostgresNodeStatus started = standby.start();
    long pid = cluster.standbyVm.recordedPid(HostLayout.POSTGRES).orElseThrow();
    PostgresNodeStatus startedAgain = standby.start();

    assertThat(started.role()).isEqualTo(PostgresRole.STANDBY);
    assertThat(startedAgain.role()).isEqualTo(PostgresRole.STANDBY);
    assertThat(cluster.standbyVm.recordedPid(HostLayout.POSTGRES)).hasValue(pid);
    assertThat(standby.buildStandby(cluster.standbyInput(prefix + "2")).streaming()).isTrue();
    assertThat(cluster.standbyVm.recordedPid(HostLayout.POSTGRES)).hasValue(pid);
  }

  @Test
  @Order(8)
  void anUnreachablePrimaryFailsTheBaseBackupClearly() {
    PostgresHostActivitiesImpl stray = new PostgresHostActivitiesImpl(cluster.spareVm.env());

    assertThatThrownBy(() -> stray.buildStandby(cluster.standbyInput(prefix + "9")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(FailureType.HOST_COMMAND_FAILED.name());
              assertThat(failure.getOriginalMessage())
                  .contains("pg_basebackup exited with code 1")
                  .contains("-h " + prefix + "9")
                  .contains("Connection refused")
                  .doesNotContain(cluster.replicationPassword);
            });
    assertThat(stray.status().role()).isEqualTo(PostgresRole.UNINITIALIZED);
  }

  @Test
  @Order(9)
  void rejectsBadInputWithoutRetryingOrTouchingTheDisk() {
    BuildStandbyInput bad =
        new BuildStandbyInput(
            "cluster-1", prefix + "2", 5432, "Bad-Slot", cluster.credentials, Map.of(), List.of());

    assertThatThrownBy(() -> standby.buildStandby(bad))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
              assertThat(failure.isNonRetryable()).isTrue();
            });
    assertThatThrownBy(() -> primary.buildStandby(cluster.standbyInput(prefix + "2")))
        .hasMessageContaining("cannot be a standby of itself");
    assertThat(primary.status().role()).isEqualTo(PostgresRole.PRIMARY);
  }

  @Test
  @Order(10)
  void stopsPgpoolIdempotently() {
    PgpoolNodeStatus stopped = pgpool.stop();
    PgpoolNodeStatus stoppedAgain = pgpool.stop();

    assertThat(stopped.running()).isFalse();
    assertThat(stoppedAgain).isEqualTo(stopped);
    assertThat(cluster.pgpoolVm.recordedPid(HostLayout.PGPOOL)).isEmpty();
    assertThat(TestVm.listening(prefix + "4", 9999)).isFalse();
  }
}
