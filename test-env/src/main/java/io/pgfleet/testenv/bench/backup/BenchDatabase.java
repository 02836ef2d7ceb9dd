package io.pgfleet.testenv.bench.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** The benchmark's SQL against the VM's PostgreSQL, as the superuser over TCP. */
final class BenchDatabase {

  /** Archiving 1 GB of WAL through lz4 and S3Proxy takes a minute or two on two busy cores. */
  private static final Duration ARCHIVE_CATCH_UP = Duration.ofMinutes(10);

  private static final long POLL_MILLIS = 250;

  private final String address;
  private final String password;

  BenchDatabase(String address, String password) {
    this.address = address;
    this.password = password;
  }

  String address() {
    return address;
  }

  String password() {
    return password;
  }

  /** What a full copy reads: every database of the cluster. */
  long databasesBytes() throws SQLException {
    return Long.parseLong(scalar("SELECT sum(pg_database_size(oid)) FROM pg_database"));
  }

  /**
   * Checkpoints, switches to a new WAL segment and waits until the archive holds the finished one,
   * so no run pays for archiving WAL written before it.
   */
  String settleArchive() throws SQLException, InterruptedException {
    execute("CHECKPOINT");
    String segment = scalar("SELECT pg_walfile_name(pg_switch_wal())");
    long deadline = System.nanoTime() + ARCHIVE_CATCH_UP.toNanos();
    while (true) {
      String archived = scalar("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver");
      // same timeline: segment names order as the WAL does
      if (archived.length() == segment.length() && archived.compareTo(segment) >= 0) {
        return segment;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "WAL segment "
                + segment
                + " was not archived within "
                + ARCHIVE_CATCH_UP
                + " (last archived: "
                + archived
                + ")");
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /**
   * Tries an INSERT into {@code table} every {@link #POLL_MILLIS} until one commits: the moment a
   * restored server is writable. Connection failures and read-only errors are expected meanwhile.
   */
  void awaitWritable(String table, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      try {
        execute("INSERT INTO " + table + " DEFAULT VALUES");
        return;
      } catch (SQLException e) {
        last = e;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException(
        address + " did not accept a write within " + limit + "; last error: " + last);
  }

  String scalar(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new SQLException("no row from " + sql + " on " + address);
      }
      return rs.getString(1);
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + address + ":5432/postgres?connectTimeout=5", "postgres", password);
  }
}
