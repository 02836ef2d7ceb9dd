package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.BackupStart;
import io.pgfleet.workflows.host.BackupStop;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The SQL of a non-exclusive base backup (PostgreSQL 15), on the backup's own session. */
final class BackupSql {

  /**
   * fast => true: an immediate checkpoint, so the start takes seconds instead of waiting up to a
   * checkpoint_timeout. The WAL file name carries the timeline in its first 8 hex digits.
   */
  private static final String START =
      "SELECT lsn::text, pg_walfile_name(lsn), "
          + "(extract(epoch FROM clock_timestamp()) * 1000)::bigint "
          + "FROM pg_backup_start(?, true) AS lsn";

  /**
   * wait_for_archive => true: returns once the WAL up to the stop position is archived, so the
   * backup is restorable when it ends. pg_backup_stop switches to a new WAL segment itself.
   */
  private static final String STOP =
      "SELECT lsn::text, pg_walfile_name(lsn), labelfile, spcmapfile, "
          + "(extract(epoch FROM clock_timestamp()) * 1000)::bigint "
          + "FROM pg_backup_stop(true)";

  private static final String DATABASE_SIZE =
      "SELECT coalesce(sum(pg_database_size(oid)), 0)::bigint FROM pg_database";

  private BackupSql() {}

  static BackupStart start(Connection c, String backupId, String label) throws SQLException {
    long size = databaseSize(c);
    try (PreparedStatement s = c.prepareStatement(START)) {
      s.setString(1, label);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        String walFile = rs.getString(2);
        return new BackupStart(
            backupId, rs.getString(1), walFile, timelineOf(walFile), rs.getLong(3), size);
      }
    }
  }

  static BackupStop stop(Connection c, String backupId) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(STOP)) {
      rs.next();
      String map = rs.getString(4);
      return new BackupStop(
          backupId,
          rs.getString(1),
          rs.getString(2),
          rs.getString(3),
          map == null || map.isEmpty() ? null : map,
          rs.getLong(5));
    }
  }

  /** The timeline of a WAL file name such as {@code 000000010000000000000005}. */
  static int timelineOf(String walFile) {
    return Integer.parseInt(walFile.substring(0, 8), 16);
  }

  private static long databaseSize(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(DATABASE_SIZE)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
