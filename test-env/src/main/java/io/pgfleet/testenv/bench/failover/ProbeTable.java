package io.pgfleet.testenv.bench.failover;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The probe's table: one row per write, keyed by the probe's label and its own counter, with the
 * server's bigserial id and commit-side time.
 */
public final class ProbeTable {

  static final String NAME = "bench_failover_probe";

  private ProbeTable() {}

  public static void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS "
              + NAME
              + " (label text NOT NULL, n bigint NOT NULL, id bigserial NOT NULL,"
              + " ts timestamptz NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (label, n))");
    }
  }

  /** Inserts row {@code n} in autocommit mode; returning means the commit was acknowledged. */
  static long insert(Connection connection, String label, long n) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + NAME + " (label, n) VALUES (?, ?) RETURNING id")) {
      insert.setString(1, label);
      insert.setLong(2, n);
      try (ResultSet rows = insert.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /**
   * The probe keys of {@code label} the primary has now. The leading comment is pgpool's hint to
   * send the query to the primary rather than balance it onto a standby that may lag; PostgreSQL
   * ignores it.
   */
  public static Set<Long> keys(Connection connection, String label) throws SQLException {
    Set<Long> keys = new HashSet<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "/*NO LOAD BALANCE*/ SELECT n FROM " + NAME + " WHERE label = ?")) {
      select.setString(1, label);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getLong(1));
        }
      }
    }
    return keys;
  }
}
