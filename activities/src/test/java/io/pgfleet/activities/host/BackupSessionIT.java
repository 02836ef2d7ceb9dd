package io.pgfleet.activities.host;

import static io.pgfleet.activities.host.ArchivingTestCluster.archivedAtLeast;
import static io.pgfleet.activities.host.ArchivingTestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.BackupStart;
import io.pgfleet.workflows.host.BackupStop;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.StartBackupInput;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Base backup sessions against real PostgreSQL 15 archiving through pgBackRest into S3Proxy:
 * pg_backup_start and pg_backup_stop on one session with writes in between, idempotent retries, and
 * every way a session is lost (unknown id, abandoned, killed, expired).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupSessionIT {

  private ArchivingTestCluster cluster;
  private PostgresHostActivitiesImpl primary;

  @BeforeAll
  void startArchivingPrimary() throws Exception {
    cluster = new ArchivingTestCluster();
    primary = new PostgresHostActivitiesImpl(cluster.primaryVm.env());
    primary.bootstrapPrimary(cluster.bootstrapInput());
    primary.configureArchiving(ConfigureArchivingInput.async(cluster.settings));
    cluster.execute(cluster.primaryVm, "CREATE TABLE events (id bigint PRIMARY KEY)");
  }

  @AfterAll
  void stopEverything() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void startAndStopRunOnOneSessionWhileTheClusterTakesWrites() throws Exception {
    String label = "pgfleet backup b-one of cluster " + cluster.clusterId;

    BackupStart start = primary.startBackup(new StartBackupInput("b-one", label));
    assertThat(sessions("b-one")).isEqualTo("1");
    cluster.execute(cluster.primaryVm, "INSERT INTO events SELECT generate_series(1, 1000)");
    BackupStop stop = primary.stopBackup("b-one");

    assertThat(start.timeline()).isEqualTo(1);
    assertThat(start.startWalFile()).startsWith("00000001");
    assertThat(start.databaseSizeBytes()).isPositive();
    assertThat(stop.backupLabel())
        .contains("LABEL: " + label)
        .contains("START WAL LOCATION: " + start.startLsn() + " (file " + start.startWalFile())
        .contains("BACKUP METHOD: streamed")
        .contains("START TIMELINE: 1");
    assertThat(stop.tablespaceMap()).isNull();
    assertThat(lsnAtLeast(stop.stopLsn(), start.startLsn())).isTrue();
    assertThat(stop.stoppedAtMillis()).isGreaterThanOrEqualTo(start.startedAtMillis());
    assertThat(sessions("b-one")).isEqualTo("0");
    // wait_for_archive: the stop's WAL file was in the archive when pg_backup_stop returned
    assertThat(archivedAtLeast(stop.stopWalFile()).test(primary.archiveStatus())).isTrue();
    assertThat(cluster.archivedKeys())
        .anyMatch(key -> key.contains("/" + start.startWalFile() + ".") && key.contains(".backup"));
    assertThat(cluster.query(cluster.primaryVm, "SELECT count(*) FROM events")).isEqualTo("1000");
  }

  @Test
  void retriesOfStartAndStopReturnTheFirstAnswers() throws Exception {
    StartBackupInput input = new StartBackupInput("b-retry", "pgfleet retry");

    BackupStart first = primary.startBackup(input);
    BackupStart again = primary.startBackup(input);
    String open = sessions("b-retry");
    BackupStop stop = primary.stopBackup("b-retry");
    BackupStop stopAgain = primary.stopBackup("b-retry");
    BackupStart afterStop = primary.startBackup(input);

    assertThat(again).isEqualTo(first);
    assertThat(open).isEqualTo("1");
    assertThat(stopAgain).isEqualTo(stop);
    assertThat(afterStop).isEqualTo(first);
    assertThat(sessions("b-retry")).isEqualTo("0");
  }

  @Test
  void anUnknownSessionIsReportedLostAndAbortingItIsANoOp() {
    primary.abortBackup("b-unknown");

    assertLost(() -> primary.stopBackup("b-unknown"), "no running backup session b-unknown");
  }

  @Test
  void anAbandonedBackupEndsItsSessionAndCannotBeStopped() throws Exception {
    primary.startBackup(new StartBackupInput("b-abort", "pgfleet abort"));

    primary.abortBackup("b-abort");

    assertThat(sessions("b-abort")).isEqualTo("0");
    assertLost(() -> primary.stopBackup("b-abort"), "no running backup session b-abort");
  }

  @Test
  void aSessionThatDiesIsLostAndANewAgentKnowsNoneOfTheOldOnes() throws Exception {
    primary.startBackup(new StartBackupInput("b-killed", "pgfleet killed"));
    primary.startBackup(new StartBackupInput("b-restart", "pgfleet restart"));
    cluster.query(
        cluster.primaryVm,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE application_name = 'pgfleet-backup b-killed'");
    PostgresHostActivitiesImpl restartedAgent =
        new PostgresHostActivitiesImpl(cluster.primaryVm.env());

    assertLost(() -> primary.stopBackup("b-killed"), "pg_backup_stop of b-killed failed");
    assertLost(() -> restartedAgent.stopBackup("b-restart"), "no running backup session");
    primary.abortBackup("b-restart");
    assertThat(sessions("b-restart")).isEqualTo("0");
  }

  @Test
  void aBackupNobodyStopsIsAbandonedWhenItExpires() throws Exception {
    AtomicLong now = new AtomicLong(1_000);
    BackupSessions sessions =
        new BackupSessions(
            new PostgresNode(cluster.primaryVm.env()),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            now::get);
    sessions.start(new StartBackupInput("b-expire", "pgfleet expire"));
    sessions.start(new StartBackupInput("b-stopped", "pgfleet stopped"));
    BackupStop stopped = sessions.stop("b-stopped");

    now.addAndGet(Duration.ofMinutes(4).toMillis());
    sessions.sweep();
    assertThat(sessions.ids()).containsExactlyInAnyOrder("b-expire", "b-stopped");
    assertThat(sessions.stop("b-stopped")).isEqualTo(stopped);
    now.addAndGet(Duration.ofMinutes(2).toMillis());
    sessions.sweep();

    assertThat(sessions.ids()).isEmpty();
    assertThat(sessions("b-expire")).isEqualTo("0");
    assertLost(() -> sessions.stop("b-expire"), "no running backup session b-expire");
  }

  @Test
  void aStandbyRefusesToStartABackup() throws Exception {
    PostgresHostActivitiesImpl standby = new PostgresHostActivitiesImpl(cluster.standbyVm.env());
    standby.buildStandby(cluster.standbyInput());
    await(primary, "archiving", s -> !s.failing());

    ApplicationFailure refused =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> standby.startBackup(new StartBackupInput("b-standby", "pgfleet standby")));

    assertThat(refused.getType()).isEqualTo(FailureType.HOST_STATE_CONFLICT.name());
    assertThat(refused.getOriginalMessage()).contains("is a standby");
    assertLost(() -> standby.stopBackup("b-standby"), "no running backup session");
  }

  private String sessions(String backupId) throws Exception {
    return cluster.query(
        cluster.primaryVm,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgfleet-backup "
            + backupId
            + "'");
  }

  private boolean lsnAtLeast(String lsn, String than) throws Exception {
    return "t"
        .equals(
            cluster.query(
                cluster.primaryVm, "SELECT '" + lsn + "'::pg_lsn >= '" + than + "'::pg_lsn"));
  }

  private static void assertLost(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    ApplicationFailure lost = catchThrowableOfType(ApplicationFailure.class, call);
    assertThat(lost).as("a lost session").isNotNull();
    assertThat(lost.getType()).isEqualTo(FailureType.BACKUP_SESSION_LOST.name());
    assertThat(lost.isNonRetryable()).isTrue();
    assertThat(lost.getOriginalMessage()).contains(message).contains("start anew");
  }
}
