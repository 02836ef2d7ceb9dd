package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.BackupStart;
import io.pgfleet.workflows.host.BackupStop;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One base backup on its own database session: PostgreSQL ties a non-exclusive backup to the
 * session that started it and abandons it when that session ends. Every method holds the session's
 * lock, so a retried activity waits for the attempt still running instead of racing it.
 */
final class BackupSession {

  /** Opens the session's connection (superuser, this VM's PostgreSQL). */
  interface Connector {
    Connection open() throws SQLException;
  }

  private final String backupId;
  private Connection connection;
  private BackupStart start;
  private BackupStop stop;
  private boolean ended;
  private long deadlineMillis;

  BackupSession(String backupId, long deadlineMillis) {
    this.backupId = backupId;
    this.deadlineMillis = deadlineMillis;
  }

  /** pg_backup_start once; later calls return the same start. */
  synchronized BackupStart start(Connector connector, String label) throws SQLException {
    if (start != null) {
      return start;
    }
    connection = connector.open();
    try {
      start = BackupSql.start(connection, backupId, label);
      return start;
    } catch (SQLException | RuntimeException e) {
      end();
      throw e;
    }
  }

  /**
   * pg_backup_stop once, then the session closes; later calls return the stored result. Throws if
   * the session has no running backup (never started, abandoned, or a stop that failed).
   */
  synchronized BackupStop stop(long resultDeadlineMillis) throws SQLException {
    if (stop != null) {
      return stop;
    }
    if (ended || start == null) {
      throw new IllegalStateException("backup session " + backupId + " has no running backup");
    }
    try {
      stop = BackupSql.stop(connection, backupId);
      deadlineMillis = resultDeadlineMillis;
      return stop;
    } finally {
      end();
    }
  }

  /** Closes the session unless the backup was stopped; PostgreSQL then abandons the backup. */
  synchronized void abandon() {
    end();
  }

  synchronized boolean expired(long nowMillis) {
    return nowMillis >= deadlineMillis;
  }

  synchronized boolean stopped() {
    return stop != null;
  }

  /** Whether a stop could still succeed or has succeeded. */
  synchronized boolean usable() {
    return stop != null || !ended;
  }

  private void end() {
    ended = true;
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the backup ends with the session either way
      }
      connection = null;
    }
  }
}
