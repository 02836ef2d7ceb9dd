package io.pgfleet.workflows.host;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * PostgreSQL on one VM, run by that VM's node agent. Every method is idempotent: calling it again
 * after success changes nothing and returns the same status, so a retried activity is always safe.
 */
@ActivityInterface
public interface PostgresHostActivities {

  /** initdb (only when the disk holds no cluster), write configuration, start as primary. */
  @ActivityMethod(name = "PostgresHost.bootstrapPrimary")
  PostgresNodeStatus bootstrapPrimary(BootstrapPrimaryInput input);

  /**
   * Make this node a streaming standby of {@code input.primaryHost()}: a base backup with a
   * replication slot, then start. A node already streaming from that primary is left alone.
   */
  @ActivityMethod(name = "PostgresHost.buildStandby")
  PostgresNodeStatus buildStandby(BuildStandbyInput input);

  /** Start PostgreSQL with the configuration already on disk; running already is success. */
  @ActivityMethod(name = "PostgresHost.start")
  PostgresNodeStatus start();

  /** Stop PostgreSQL; stopped already is success. */
  @ActivityMethod(name = "PostgresHost.stop")
  PostgresNodeStatus stop(StopPostgresInput input);

  /** Role, WAL positions, replication and connection figures as seen on this node. */
  @ActivityMethod(name = "PostgresHost.status")
  PostgresNodeStatus status();

  /**
   * Archive this node's WAL with pgBackRest into the given stanza: writes the VM's pgBackRest
   * configuration, sets archive_mode, archive_command (archive-push) and restore_command
   * (archive-get), restarting only when archive_mode changes. On a running primary it creates the
   * stanza (if missing) and runs pgbackrest check, once per configuration and timeline. A node
   * without a cluster yet keeps the settings for its bootstrap or base backup.
   */
  @ActivityMethod(name = "PostgresHost.configureArchiving")
  ArchiveStatus configureArchiving(ConfigureArchivingInput input);

  /** Archiver figures of this node: last archived and failed WAL, pending segments, lag. */
  @ActivityMethod(name = "PostgresHost.archiveStatus")
  ArchiveStatus archiveStatus();

  /**
   * pg_switch_wal on the primary; returns the WAL file that holds everything written before the
   * call, which the archiver pushes next (for backups and tests).
   */
  @ActivityMethod(name = "PostgresHost.switchWal")
  String switchWal();

  /**
   * Promote this standby ({@code pg_promote}) and wait until it accepts writes. A node that is
   * already primary is success. Never call it before the old primary is proven fenced.
   */
  @ActivityMethod(name = "PostgresHost.promote")
  PostgresNodeStatus promote(PromoteInput input);

  /**
   * Make this former primary (or diverged standby) a streaming standby of {@code
   * input.primaryHost()}: stop it, {@code pg_rewind} from the new primary, and fall back to a fresh
   * base backup when rewinding is impossible; re-apply pgfleet's configuration (pg_rewind copies
   * the source's), then start. A node already streaming from that primary is left alone.
   */
  @ActivityMethod(name = "PostgresHost.rejoinAsStandby")
  RejoinResult rejoinAsStandby(BuildStandbyInput input);

  /**
   * Begins an online base backup: {@code pg_backup_start(label, fast => true)} on a database
   * session that the node agent keeps open, keyed by {@code input.backupId()}, until {@link
   * #stopBackup} or {@link #abortBackup} (PostgreSQL ends a backup whose session closes). A session
   * nobody stops expires after a bound (hours), so a forgotten backup ends by itself. A retry with
   * the same backup id returns the start of the session it finds. The server keeps taking writes.
   * On a standby or a stopped server: {@code HOST_STATE_CONFLICT}.
   */
  @ActivityMethod(name = "PostgresHost.startBackup")
  BackupStart startBackup(StartBackupInput input);

  /**
   * Ends the backup {@link #startBackup} began: {@code pg_backup_stop(wait_for_archive => true)} on
   * the same session, so it returns once the WAL up to the stop position is archived. The result
   * stays with the agent for a while, so a retry after success returns it again. No session for the
   * id (the agent restarted, the session expired) or a failed pg_backup_stop: {@code
   * BACKUP_SESSION_LOST}, non-retryable; PostgreSQL has abandoned that backup, and the caller must
   * discard what it copied under it and start a new backup with a new id.
   */
  @ActivityMethod(name = "PostgresHost.stopBackup")
  BackupStop stopBackup(String backupId);

  /**
   * Abandons the backup: closes its session without pg_backup_stop, so PostgreSQL ends it without
   * waiting for the archive. A session that is gone or already stopped is success.
   */
  @ActivityMethod(name = "PostgresHost.abortBackup")
  void abortBackup(String backupId);

  /**
   * A pgBackRest backup of this primary into the stanza archiving configured (a copy of the data
   * directory, for an IaaS without snapshots), annotated with the backup id; returns it as {@code
   * pgbackrest info} describes it. A backup with that id in the repository already is returned
   * without taking another.
   */
  @ActivityMethod(name = "PostgresHost.pgbackrestBackup")
  PgBackRestBackup pgbackrestBackup(PgBackRestBackupInput input);

  /**
   * Removes the pgBackRest backup set {@code label} (with any incremental built on it) from the
   * stanza this node archives to, for retention. True when this call removed it, false when the
   * repository no longer lists it. pgBackRest refuses to remove the stanza's last full set.
   */
  @ActivityMethod(name = "PostgresHost.expireBackupSet")
  boolean expireBackupSet(String label);

  /**
   * {@code CHECKPOINT} on this primary, so that a shutdown soon after has little to write
   * (switchover: the stop is on the write gap). Running it again only checkpoints again.
   */
  @ActivityMethod(name = "PostgresHost.checkpoint")
  PostgresNodeStatus checkpoint();

  /**
   * Make this primary refuse new writes for a switchover: {@code default_transaction_read_only =
   * on} through ALTER SYSTEM and a reload, then end client sessions in a transaction begun before
   * (they could still write). Returns the flush position once held. Held already is success.
   */
  @ActivityMethod(name = "PostgresHost.holdWrites")
  WriteHold holdWrites();

  /**
   * Undo {@link #holdWrites}: reset {@code default_transaction_read_only} and reload. Not held is
   * success. The server must run (start it first after a stop).
   */
  @ActivityMethod(name = "PostgresHost.releaseWrites")
  PostgresNodeStatus releaseWrites();

  /**
   * Wait until this standby has the primary's WAL up to (or past) {@code input.lsn()}; fails
   * non-retryably naming both positions when the wait runs out or this node is no standby.
   */
  @ActivityMethod(name = "PostgresHost.awaitWal")
  PostgresNodeStatus awaitWal(AwaitWalInput input);

  /**
   * Stop this held primary cleanly (fast shutdown: sessions end, a shutdown checkpoint is written
   * and sent to the standby) with the write hold removed from its configuration, so it starts
   * writable again. Stopped cleanly already is success; a server that is not shut down cleanly
   * (crashed, still running) fails with HOST_STATE_CONFLICT.
   */
  @ActivityMethod(name = "PostgresHost.stopCleanly")
  CleanStop stopCleanly();

  /**
   * Readies a restored data directory for point-in-time recovery while PostgreSQL is stopped: no
   * stale {@code postmaster.pid}, an empty {@code pg_wal}, the backup's label files, {@code
   * recovery.signal}, and recovery settings (restore_command = pgBackRest archive-get from the
   * input's source archive, the target inclusive, recovery_target_timeline latest, promote at the
   * target). Writing the same input again leaves the same files. A running server fails with {@code
   * HOST_STATE_CONFLICT}; a directory without a PostgreSQL data directory with {@code
   * INVALID_INPUT}.
   */
  @ActivityMethod(name = "PostgresHost.prepareRestore")
  void prepareRestore(PrepareRestoreInput input);

  /**
   * Starts PostgreSQL on a prepared restore (if not running) and waits, heartbeating, until it has
   * recovered to the target and been promoted; returns where it stopped. A server that already
   * finished that recovery returns the same outcome. A server that exits during recovery (target
   * not reached, missing WAL) fails with {@code RECOVERY_TARGET_NOT_REACHED} and PostgreSQL's own
   * FATAL line.
   */
  @ActivityMethod(name = "PostgresHost.awaitRecovery")
  RecoveryOutcome awaitRecovery();

  /**
   * Makes the data a restore brought from another cluster's backup this cluster's, on the promoted
   * primary: the agent's cluster id becomes {@code input.clusterId()}, then as {@link
   * #bootstrapPrimary}: configuration and pg_hba for this cluster's replicas, the superuser's and
   * replication role's passwords set to this cluster's (connecting with the restored data's own,
   * from the restored password file), the password file rewritten. Repeating it changes nothing. A
   * standby or a stopped server is refused (HOST_STATE_CONFLICT).
   */
  @ActivityMethod(name = "PostgresHost.adoptRestoredPrimary")
  PostgresNodeStatus adoptRestoredPrimary(BootstrapPrimaryInput input);
}
