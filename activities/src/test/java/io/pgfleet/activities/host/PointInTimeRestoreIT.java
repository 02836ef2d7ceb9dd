package io.pgfleet.activities.host;

import static io.pgfleet.activities.host.ArchivingTestCluster.archivedAtLeast;
import static io.pgfleet.activities.host.ArchivingTestCluster.await;
import static io.pgfleet.activities.host.RestoreTestSupport.lsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.activities.host.RestoreTestSupport.Commit;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.BackupStop;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.host.PrepareRestoreInput;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.host.StartBackupInput;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * prepareRestore + awaitRecovery with real PostgreSQL 15, pgBackRest 2.45 and S3Proxy: a snapshot
 * style base backup of an archiving primary (cp -a between pg_backup_start and pg_backup_stop),
 * then twelve transactions one by one and a restore point; copies of the backup recovered to each
 * kind of target hold exactly the transactions up to it. Then a target past the archive, a restore
 * into another cluster's node and its own stanza, and a target on a later timeline. In order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class PointInTimeRestoreIT {

  private static final String RESTORE_POINT = "before-ten";

  private ArchivingTestCluster cluster;
  private PostgresHostActivitiesImpl primary;
  private Path backup;
  private BackupStop backupStop;
  private final List<Commit> commits = new ArrayList<>();
  private final List<TestVm> restoreVms = new ArrayList<>();
  private TestVm copyVm;
  private PostgresHostActivitiesImpl copy;

  @BeforeAll
  void backUpThenCommitOneByOne() throws Exception {
    cluster = new ArchivingTestCluster();
    primary = new PostgresHostActivitiesImpl(cluster.primaryVm.env());
    primary.bootstrapPrimary(cluster.bootstrapInput());
    primary.configureArchiving(ConfigureArchivingInput.async(cluster.settings));
    cluster.execute(cluster.primaryVm, "CREATE TABLE events (id int PRIMARY KEY)");
    backup = cluster.root.resolve("backup");
    primary.startBackup(new StartBackupInput("pitr", "pgfleet pitr"));
    RestoreTestSupport.copyDisk(cluster.primaryVm.env().storeDir(), backup);
    backupStop = primary.stopBackup("pitr");
    try (Connection c = cluster.superuser(cluster.primaryVm)) {
      commits.addAll(RestoreTestSupport.commit(c, 1, 2, 3, 4, 5, 6, 7, 8, 9));
      c.createStatement().execute("SELECT pg_create_restore_point('" + RESTORE_POINT + "')");
      commits.addAll(RestoreTestSupport.commit(c, 10, 11, 12));
    }
    String wal = primary.switchWal();
    await(primary, "archived " + wal, archivedAtLeast(wal));
    copyVm = restoreVm("vmx", "postgres_0", 4);
    copy = new PostgresHostActivitiesImpl(copyVm.env());
  }

  @AfterAll
  void stopEverything() {
    restoreVms.forEach(RestoreTestSupport::stopOwnServer);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void aTimeTargetKeepsTheCommitsAtOrBeforeIt() throws Exception {
    Commit third = commits.get(2);
    PrepareRestoreInput input = input(new RecoveryTarget(RecoveryTargetKind.TIME, third.after()));
    RestoreTestSupport.replaceDisk(copyVm, backup);
    copy.prepareRestore(input);
    List<String> prepared = preparedFiles();
    copy.prepareRestore(input);
    List<String> preparedAgain = preparedFiles();

    RecoveryOutcome outcome = copy.awaitRecovery();

    assertThat(preparedAgain).isEqualTo(prepared);
    assertRows(1, 3);
    assertThat(outcome.timeline()).isEqualTo(2);
    assertThat(outcome.stopReason())
        .startsWith("recovery stopping before commit of transaction " + commits.get(3).xid());
    assertThat(outcome.lastCommitAtMillis()).isLessThanOrEqualTo(third.afterMicros() / 1000);
    assertThat(copy.awaitRecovery()).isEqualTo(outcome);
  }

  @Test
  @Order(2)
  void anXidTargetStopsRightAfterThatCommit() throws Exception {
    Commit fifth = commits.get(4);

    RecoveryOutcome outcome = restore(new RecoveryTarget(RecoveryTargetKind.XID, fifth.xid()));

    assertRows(1, 5);
    assertThat(outcome.stopReason())
        .startsWith("recovery stopping after commit of transaction " + fifth.xid());
    assertThat(outcome.lastCommitAtMillis())
        .isBetween(commits.get(3).afterMicros() / 1000, fifth.afterMicros() / 1000);
    assertThat(lsn(outcome.endLsn()))
        .isGreaterThan(lsn(commits.get(3).lsn()))
        .isLessThanOrEqualTo(lsn(fifth.lsn()));
  }

  @Test
  @Order(3)
  void anLsnTargetKeepsEverythingUpToThatPosition() throws Exception {
    Commit seventh = commits.get(6);

    RecoveryOutcome outcome = restore(new RecoveryTarget(RecoveryTargetKind.LSN, seventh.lsn()));

    assertRows(1, 7);
    assertThat(outcome.stopReason()).startsWith("recovery stopping after WAL location (LSN)");
    assertThat(lsn(outcome.endLsn())).isGreaterThanOrEqualTo(lsn(seventh.lsn()));
  }

  @Test
  @Order(4)
  void aNameTargetStopsAtTheRestorePoint() throws Exception {
    RecoveryOutcome outcome = restore(new RecoveryTarget(RecoveryTargetKind.NAME, RESTORE_POINT));

    assertRows(1, 9);
    assertThat(outcome.stopReason())
        .startsWith("recovery stopping at restore point \"" + RESTORE_POINT + "\"");
  }

  @Test
  @Order(5)
  void latestRecoversTheWholeArchiveAndAStoppedServerStartsWithTheSameOutcome() throws Exception {
    RecoveryOutcome outcome = restore(RecoveryTarget.latest());
    copy.stop(StopPostgresInput.fast());

    RecoveryOutcome again = copy.awaitRecovery();

    assertRows(1, 12);
    assertThat(outcome.stopReason()).isNull();
    assertThat(outcome.lastCommitAtMillis())
        .isGreaterThanOrEqualTo(commits.get(10).afterMicros() / 1000);
    assertThat(again).isEqualTo(outcome);
    assertThat(copy.status().role()).isEqualTo(PostgresRole.PRIMARY);
    assertThat(cluster.query(copyVm, "SELECT current_setting('recovery_target_action')"))
        .isEqualTo("pause"); // the recovery settings are gone from the include file
  }

  @Test
  @Order(6)
  void aTargetPastTheArchiveFailsAndLeavesTheServerStopped() throws Exception {
    String tomorrow = Instant.now().plusSeconds(86_400).toString();
    RestoreTestSupport.replaceDisk(copyVm, backup);
    copy.prepareRestore(input(new RecoveryTarget(RecoveryTargetKind.TIME, tomorrow)));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, copy::awaitRecovery);

    assertThat(failure).as("recovery failure").isNotNull();
    assertThat(failure.getType()).isEqualTo(FailureType.RECOVERY_TARGET_NOT_REACHED.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("FATAL:  recovery ended before configured recovery target was reached");
    assertThat(copy.status().role()).isEqualTo(PostgresRole.STOPPED);
    assertThat(copyVm.recordedPid(HostLayout.POSTGRES)).isEmpty();
  }

  private RecoveryOutcome restore(RecoveryTarget target) throws Exception {
    RestoreTestSupport.replaceDisk(copyVm, backup);
    copy.prepareRestore(input(target));
    return copy.awaitRecovery();
  }

  private PrepareRestoreInput input(RecoveryTarget target) {
    return new PrepareRestoreInput(
        backupStop.backupLabel(), backupStop.tablespaceMap(), target, cluster.settings);
  }

  private void assertRows(int first, int last) throws Exception {
    try (Connection c = cluster.superuser(copyVm)) {
      assertThat(RestoreTestSupport.ids(c))
          .isEqualTo(IntStream.rangeClosed(first, last).boxed().toList());
    }
  }

  private List<String> preparedFiles() {
    Path pgData = copyVm.layout().pgData();
    return List.of(
        HostFiles.read(pgData.resolve(PostgresConf.FILE_NAME)).orElseThrow(),
        HostFiles.read(pgData.resolve("backup_label")).orElseThrow(),
        HostFiles.read(pgData.resolve("recovery.signal")).orElseThrow(),
        HostFiles.read(new PgBackRestFiles(copyVm.layout()).restoreConfig()).orElseThrow(),
        HostFiles.read(copyVm.layout().restoreMarkerFile()).orElseThrow());
  }

  private TestVm restoreVm(String name, String nodeName, int host) {
    TestVm vm = TestVm.create(cluster.root, name, nodeName, cluster.prefix + host);
    restoreVms.add(vm);
    return vm;
  }
}
