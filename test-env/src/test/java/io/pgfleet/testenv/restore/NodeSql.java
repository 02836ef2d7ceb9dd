package io.pgfleet.testenv.restore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL as the {@code postgres} superuser on a restore test's PostgreSQL nodes, with one cluster's
 * password; rows live in the test's table {@code rows (id int, note text)}.
 */
final class NodeSql {

  private final String password;

  NodeSql(String password) {
    this.password = password;
  }

  void execute(String address, String sql) throws Exception {
    try (Connection c = connect(address);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  String scalar(String address, String sql) throws Exception {
    try (Connection c = connect(address);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Where the node's WAL ends now, e.g. {@code 0/3000148}. */
  String walLsn(String address) throws Exception {
    return scalar(address, "SELECT pg_current_wal_lsn()");
  }

  /** The timeline of the node's last checkpoint. */
  int timeline(String address) throws Exception {
    return Integer.parseInt(scalar(address, "SELECT timeline_id FROM pg_control_checkpoint()"));
  }

  Instant serverClock(String address) throws Exception {
    try (Connection c = connect(address);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    }
  }

  /** The ids in {@code rows}, ascending. */
  List<Integer> ids(String address) throws Exception {
    List<Integer> ids = new ArrayList<>();
    try (Connection c = connect(address);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM rows ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  /** One row in its own transaction; returns that transaction's id. */
  long insertReturningXid(String address, int id) throws Exception {
    try (Connection c = connect(address);
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO rows VALUES (" + id + ", 'the xid')");
      long xid;
      try (ResultSet rs = s.executeQuery("SELECT txid_current()")) {
        rs.next();
        xid = rs.getLong(1);
      }
      c.commit();
      return xid;
    }
  }

  private Connection connect(String address) throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + address + ":5432/postgres?connectTimeout=5", "postgres", password);
  }
}
