package io.pgfleet.activities.host;

import static io.pgfleet.activities.host.RestoreTestSupport.lsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.activities.host.RestoreTestSupport.Commit;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.host.PrepareRestoreInput;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
 * kind of target hold exactly the transactions up to it; a target past the archive fails. Each test
 * restores a fresh copy on the same restore VM, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class PointInTimeRestoreIT {

  private RestoreFixture fixture;
  private List<Commit> commits;
  private TestVm copyVm;
  private PostgresHostActivitiesImpl copy;

  @BeforeAll
  void backUpThenCommitOneByOne() throws Exception {
    fixture = new RestoreFixture();
    commits = fixture.commits;
    copyVm = fixture.restoreVm("vmx", "postgres_0", 4);
    copy = new PostgresHostActivitiesImpl(copyVm.env());
  }

  @AfterAll
  void stopEverything() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(0)
  void nothingToRestoreIntoAMalformedTargetOrNothingPreparedAreRefused() {
    PrepareRestoreInput latest = fixture.input(RecoveryTarget.latest());
    PrepareRestoreInput malformed =
        fixture.input(new RecoveryTarget(RecoveryTargetKind.LSN, "not an lsn"));

    assertRefused(() -> copy.prepareRestore(latest), FailureType.INVALID_INPUT, "no PostgreSQL");
    assertRefused(() -> copy.prepareRestore(malformed), FailureType.INVALID_INPUT, "not an lsn");
    assertRefused(copy::awaitRecovery, FailureType.HOST_STATE_CONFLICT, "no restore prepared");
  }

  @Test
  @Order(1)
  void aTimeTargetKeepsTheCommitsAtOrBeforeIt() throws Exception {
    Commit third = commits.get(2);
    PrepareRestoreInput input =
        fixture.input(new RecoveryTarget(RecoveryTargetKind.TIME, third.after()));
    RestoreTestSupport.replaceDisk(copyVm, fixture.backup);
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
    RecoveryOutcome outcome =
        restore(new RecoveryTarget(RecoveryTargetKind.NAME, RestoreFixture.RESTORE_POINT));

    assertRows(1, 9);
    assertThat(outcome.stopReason())
        .startsWith("recovery stopping at restore point \"" + RestoreFixture.RESTORE_POINT + "\"");
  }

  @Test
  @Order(5)
  void latestRecoversTheWholeArchiveAndAStoppedServerStartsWithTheSameOutcome() throws Exception {
    RecoveryOutcome outcome = restore(RecoveryTarget.latest());
    assertRefused(
        () -> copy.prepareRestore(fixture.input(RecoveryTarget.latest())),
        FailureType.HOST_STATE_CONFLICT,
        "stop it before preparing a restore");
    copy.stop(StopPostgresInput.fast());

    RecoveryOutcome again = copy.awaitRecovery();

    assertRows(1, 12);
    assertThat(outcome.stopReason()).isNull();
    assertThat(outcome.lastCommitAtMillis())
        .isGreaterThanOrEqualTo(commits.get(10).afterMicros() / 1000);
    assertThat(again).isEqualTo(outcome);
    assertThat(copy.status().role()).isEqualTo(PostgresRole.PRIMARY);
    assertThat(fixture.cluster.query(copyVm, "SELECT current_setting('recovery_target_action')"))
        .isEqualTo("pause"); // the recovery settings are gone from the include file
  }

  @Test
  @Order(6)
  void aTargetPastTheArchiveFailsAndLeavesTheServerStopped() throws Exception {
    String tomorrow = Instant.now().plusSeconds(86_400).toString();
    RestoreTestSupport.replaceDisk(copyVm, fixture.backup);
    copy.prepareRestore(fixture.input(new RecoveryTarget(RecoveryTargetKind.TIME, tomorrow)));

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
    RestoreTestSupport.replaceDisk(copyVm, fixture.backup);
    copy.prepareRestore(fixture.input(target));
    return copy.awaitRecovery();
  }

  private static void assertRefused(ThrowingCallable call, FailureType type, String message) {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, call);
    assertThat(failure).as(type + " failure").isNotNull();
    assertThat(failure.getType()).isEqualTo(type.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains(message);
  }

  private void assertRows(int first, int last) throws Exception {
    fixture.assertRows(copyVm, RestoreFixture.range(first, last));
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
}
