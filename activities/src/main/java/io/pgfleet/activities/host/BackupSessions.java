package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.BackupStart;
import io.pgfleet.workflows.host.BackupStop;
import io.pgfleet.workflows.host.StartBackupInput;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent's open base backups, by backup id. They live in the agent's memory only: an agent
 * restart closes their sessions, PostgreSQL abandons those backups, and stopBackup then reports
 * {@code BACKUP_SESSION_LOST} so the workflow starts a new backup. A backup nobody stops is
 * abandoned after {@link #SESSION_TTL}; a stopped one's result is kept for {@link #RESULT_TTL} so a
 * retried stopBackup gets it again.
 */
final class BackupSessions {

  /**
   * Start to stop is seconds with an EC2 snapshot; hours leave room for a slow local copy and
   * workflow retries, and still end a backup whose workflow is gone the same day.
   */
  static final Duration SESSION_TTL = Duration.ofHours(2);

  /** Longer than any retry of stopBackup after a success that did not reach the workflow. */
  static final Duration RESULT_TTL = Duration.ofHours(2);

  /**
   * pg_backup_start's immediate checkpoint, and pg_backup_stop waiting for the archive: a stuck
   * archive must surface as a failed stop, not a hang (the connection's default is 30 s).
   */
  static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(10);

  /** How often expired sessions are looked for; a minute late is harmless at hours of TTL. */
  private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(BackupSessions.class);

  private final PostgresNode node;
  private final Duration sessionTtl;
  private final Duration resultTtl;
  private final LongSupplier clock;
  private final Map<String, BackupSession> sessions = new HashMap<>();
  private ScheduledExecutorService sweeper;

  BackupSessions(PostgresNode node) {
    this(node, SESSION_TTL, RESULT_TTL, System::currentTimeMillis);
  }

  BackupSessions(PostgresNode node, Duration sessionTtl, Duration resultTtl, LongSupplier clock) {
    this.node = node;
    this.sessionTtl = sessionTtl;
    this.resultTtl = resultTtl;
    this.clock = clock;
  }

  BackupStart start(StartBackupInput input) {
    if (input == null) {
      throw InputChecks.invalid("startBackup needs a backup id and label");
    }
    String id = InputChecks.required(input.backupId(), "backup id");
    InputChecks.singleLine(InputChecks.required(input.label(), "backup label"), "backup label");
    BackupSession session = session(id);
    try {
      return session.start(() -> connect(id), input.label());
    } catch (SQLException e) {
      forget(id, session);
      throw node.sqlFailure("starting backup " + id, e);
    } catch (RuntimeException e) {
      forget(id, session);
      throw e;
    }
  }

  BackupStop stop(String backupId) {
    InputChecks.required(backupId, "backup id");
    BackupSession session = existing(backupId);
    if (session == null || !session.usable()) {
      forget(backupId, session);
      throw lost(
          "no running backup session "
              + backupId
              + " on "
              + node.env().address()
              + " (the node agent restarted, the session was abandoned or expired)");
    }
    try {
      return session.stop(clock.getAsLong() + resultTtl.toMillis());
    } catch (SQLException | IllegalStateException e) {
      forget(backupId, session);
      throw lost("pg_backup_stop of " + backupId + " failed: " + e.getMessage());
    }
  }

  /** Abandons the backup unless it was stopped; an unknown id is success. */
  void abort(String backupId) {
    BackupSession session = existing(backupId);
    if (session != null && !session.stopped()) {
      session.abandon();
      forget(backupId, session);
    }
  }

  /** Abandons sessions past their time and forgets stopped results past theirs. */
  void sweep() {
    long now = clock.getAsLong();
    List<Map.Entry<String, BackupSession>> all;
    synchronized (this) {
      all = List.copyOf(sessions.entrySet());
    }
    for (Map.Entry<String, BackupSession> entry : all) {
      BackupSession session = entry.getValue();
      if (session.expired(now)) {
        if (!session.stopped()) {
          LOG.warn("abandoning backup {}: not stopped within {}", entry.getKey(), sessionTtl);
          session.abandon();
        }
        forget(entry.getKey(), session);
      }
    }
  }

  /** Ids the agent holds a session or a stored result for (tests, diagnostics). */
  synchronized List<String> ids() {
    return List.copyOf(sessions.keySet());
  }

  private synchronized BackupSession session(String id) {
    startSweeper();
    return sessions.computeIfAbsent(
        id, key -> new BackupSession(key, clock.getAsLong() + sessionTtl.toMillis()));
  }

  private synchronized BackupSession existing(String id) {
    return sessions.get(id);
  }

  private synchronized void forget(String id, BackupSession session) {
    if (session != null) {
      sessions.remove(id, session);
    }
  }

  private Connection connect(String backupId) throws SQLException {
    if (!node.server().isRunning()) {
      throw node.conflict(
          "PostgreSQL on " + node.env().address() + " is not running; cannot start a backup");
    }
    String password = node.storedPgPass().map(PgPass::superuserPassword).orElse("");
    Connection c = node.connect(List.of(password));
    try {
      if (PostgresAdmin.inRecovery(c)) {
        throw node.conflict(
            "PostgreSQL on " + node.env().address() + " is a standby; back up the primary");
      }
      c.setNetworkTimeout(Runnable::run, (int) STATEMENT_TIMEOUT.toMillis());
      c.setClientInfo("ApplicationName", "pgfleet-backup " + backupId);
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** One daemon thread per agent, started with the first backup. */
  private void startSweeper() {
    if (sweeper != null) {
      return;
    }
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "pgfleet-backup-sweeper");
              thread.setDaemon(true);
              return thread;
            });
    long every = SWEEP_INTERVAL.toMillis();
    sweeper.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.warn("sweeping backup sessions failed", e);
    }
  }

  private static RuntimeException lost(String message) {
    return HostFailures.of(
        FailureType.BACKUP_SESSION_LOST,
        message + "; PostgreSQL abandoned that backup: discard what was copied and start anew");
  }
}
