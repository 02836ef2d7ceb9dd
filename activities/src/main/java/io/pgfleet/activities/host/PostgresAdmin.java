package io.pgfleet.activities.host;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;

/** Small SQL steps of the host activities, on a superuser connection. */
final class PostgresAdmin {
  private PostgresAdmin() {}

  /** What a standby's WAL receiver is doing. */
  record WalReceiver(String status, String senderHost, int senderPort) {
    boolean streamsFrom(String host, int port) {
      return "streaming".equals(status) && host.equals(senderHost) && port == senderPort;
    }
  }

  static boolean inRecovery(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  static Optional<WalReceiver> walReceiver(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT status, sender_host, sender_port FROM pg_stat_wal_receiver")) {
      return rs.next()
          ? Optional.of(new WalReceiver(rs.getString(1), rs.getString(2), rs.getInt(3)))
          : Optional.empty();
    }
  }

  /** Whether any of the settings only takes effect after a restart. */
  static boolean needsRestart(Connection c, Set<String> settings) throws SQLException {
    if (settings.isEmpty()) {
      return false;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT count(*) FROM pg_settings WHERE context = 'postmaster' AND name = ANY (?)")) {
      s.setArray(1, c.createArrayOf("text", settings.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    }
  }

  /** Creates the replication role unless it exists, then sets its password. */
  static void ensureReplicationRole(Connection c, String user, String password)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      s.setString(1, user);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          try (Statement create = c.createStatement()) {
            // the name passed InputChecks.roleName, so it is a plain identifier
            create.execute("CREATE ROLE " + user + " WITH REPLICATION LOGIN");
          }
        }
      }
    }
    setPassword(c, user, password);
  }

  /** The SCRAM verifier is computed here, so the password itself never reaches the server. */
  static void setPassword(Connection c, String user, String password) throws SQLException {
    c.unwrap(PGConnection.class).alterUserPassword(user, password.toCharArray(), "scram-sha-256");
  }
}
