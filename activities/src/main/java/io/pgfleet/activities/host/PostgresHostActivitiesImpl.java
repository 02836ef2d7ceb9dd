package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.AwaitWalInput;
import io.pgfleet.workflows.host.BackupStart;
import io.pgfleet.workflows.host.BackupStop;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.CleanStop;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PgBackRestBackup;
import io.pgfleet.workflows.host.PgBackRestBackupInput;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PrepareRestoreInput;
import io.pgfleet.workflows.host.PromoteInput;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.pgfleet.workflows.host.RejoinResult;
import io.pgfleet.workflows.host.StartBackupInput;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.pgfleet.workflows.host.StopPostgresInput.ShutdownMode;
import io.pgfleet.workflows.host.WriteHold;
import java.time.Duration;

/**
 * PostgreSQL 15 on this VM: data directory {@code <storeDir>/postgres}, sockets in {@code
 * <dataDir>/sock}, log {@code <dataDir>/sys/log/postgres.log}, pid file {@code
 * <dataDir>/sys/run/postgres.pid} while it should run. Changes are serialized per VM; status reads
 * run alongside them. WAL archiving: pgBackRest, configuration in {@code <dataDir>/pgbackrest}.
 * Base backups hold their own sessions and are not serialized with changes: a backup waiting for
 * the archive must not hold up a promotion. A point-in-time restore (prepareRestore, awaitRecovery)
 * keeps its state in {@code <storeDir>/pgfleet} (see docs/backup.md, "Restore on the node").
 */
public final class PostgresHostActivitiesImpl implements PostgresHostActivities {

  /**
   * How long awaitRecovery waits when called outside a Temporal activity (tests, tools); inside one
   * its timeout bounds the wait.
   */
  private static final Duration RECOVERY_WAIT_OUTSIDE_ACTIVITY = Duration.ofHours(1);

  private final PostgresNode node;
  private final PgBackRestFiles pgBackRest;
  private final ArchiveStatusReader archiveStatus;
  private final ArchivingSetup archiving;
  private final BackupSessions backups;
  private final BackupPgBackRest pgBackRestBackup;

  public PostgresHostActivitiesImpl(HostEnvironment env) {
    this.node = new PostgresNode(env);
    this.pgBackRest = new PgBackRestFiles(node.layout());
    ArchiveVerification verification =
        new ArchiveVerification(
            pgBackRest,
            node.files(),
            new PgBackRest(pgBackRest, node.runner(), env.address()),
            node.layout().restoreMarkerFile());
    this.archiveStatus = new ArchiveStatusReader(node, pgBackRest, verification);
    this.archiving = new ArchivingSetup(node, pgBackRest, verification, archiveStatus);
    this.backups = new BackupSessions(node);
    this.pgBackRestBackup = new BackupPgBackRest(node, pgBackRest);
  }

  @Override
  public synchronized PostgresNodeStatus bootstrapPrimary(BootstrapPrimaryInput input) {
    return new PrimaryBootstrap(node).run(input);
  }

  @Override
  public synchronized PostgresNodeStatus buildStandby(BuildStandbyInput input) {
    return new StandbyBuild(node).run(input);
  }

  @Override
  public synchronized PostgresNodeStatus start() {
    node.prepare();
    if (!node.server().hasCluster()) {
      throw node.conflict(
          "no PostgreSQL cluster on the disk of "
              + node.env().address()
              + " ("
              + node.layout().pgData()
              + "); bootstrap a primary or build a standby first");
    }
    node.start();
    return status();
  }

  @Override
  public synchronized PostgresNodeStatus stop(StopPostgresInput input) {
    ShutdownMode mode = input == null || input.mode() == null ? ShutdownMode.FAST : input.mode();
    node.server().stop(mode);
    return status();
  }

  @Override
  public PostgresNodeStatus status() {
    return new PostgresStatusReader(node).read();
  }

  @Override
  public synchronized ArchiveStatus configureArchiving(ConfigureArchivingInput input) {
    return archiving.run(input);
  }

  @Override
  public ArchiveStatus archiveStatus() {
    return archiveStatus.read();
  }

  @Override
  public String switchWal() {
    return new WalSwitch(node).run();
  }

  @Override
  public synchronized PostgresNodeStatus promote(PromoteInput input) {
    return new Promotion(node).run(input);
  }

  @Override
  public synchronized RejoinResult rejoinAsStandby(BuildStandbyInput input) {
    return new StandbyRejoin(node).run(input);
  }

  @Override
  public BackupStart startBackup(StartBackupInput input) {
    return backups.start(input);
  }

  @Override
  public BackupStop stopBackup(String backupId) {
    return backups.stop(backupId);
  }

  @Override
  public void abortBackup(String backupId) {
    backups.abort(backupId);
  }

  @Override
  public PgBackRestBackup pgbackrestBackup(PgBackRestBackupInput input) {
    return pgBackRestBackup.run(input);
  }

  @Override
  public boolean expireBackupSet(String label) {
    return pgBackRestBackup.expire(label);
  }

  @Override
  public synchronized PostgresNodeStatus checkpoint() {
    return new SwitchoverWriteHold(node).checkpoint();
  }

  @Override
  public synchronized WriteHold holdWrites() {
    return new SwitchoverWriteHold(node).hold();
  }

  @Override
  public synchronized PostgresNodeStatus releaseWrites() {
    return new SwitchoverWriteHold(node).release();
  }

  /** A read: not serialized with changes, so a long wait holds up nothing else. */
  @Override
  public PostgresNodeStatus awaitWal(AwaitWalInput input) {
    return new SwitchoverWalWait(node).await(input);
  }

  @Override
  public synchronized CleanStop stopCleanly() {
    return new SwitchoverStop(node).run();
  }

  @Override
  public synchronized void prepareRestore(PrepareRestoreInput input) {
    new RestorePreparation(node, pgBackRest).run(input);
  }

  /** Holds the node's lock only to start and to finish: the wait itself is a read. */
  @Override
  public RecoveryOutcome awaitRecovery() {
    return new RecoveryWatch(node, pgBackRest, this, RECOVERY_WAIT_OUTSIDE_ACTIVITY).run();
  }

  @Override
  public synchronized PostgresNodeStatus adoptRestoredPrimary(BootstrapPrimaryInput input) {
    return new RestoredPrimaryAdoption(node).run(input);
  }
}
