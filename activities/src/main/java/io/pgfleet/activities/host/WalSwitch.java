package io.pgfleet.activities.host;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** switchWal: closes the current WAL segment on the primary so the archiver pushes it. */
final class WalSwitch {

  /**
   * pg_walfile_name maps the switch's end position to the segment it closes; after no new WAL
   * pg_switch_wal does nothing and names the last closed segment, which holds everything anyway.
   */
  private static final String SWITCH = "SELECT pg_walfile_name(pg_switch_wal())";

  private final PostgresNode node;

  WalSwitch(PostgresNode node) {
    this.node = node;
  }

  String run() {
    if (!node.server().isRunning()) {
      throw node.conflict(
          "PostgreSQL on " + node.env().address() + " is not running; cannot switch WAL");
    }
    String password = node.storedPgPass().map(PgPass::superuserPassword).orElse("");
    try (Connection c = node.connect(List.of(password))) {
      if (PostgresAdmin.inRecovery(c)) {
        throw node.conflict(
            "PostgreSQL on " + node.env().address() + " is a standby; switch WAL on the primary");
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(SWITCH)) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw node.sqlFailure("switching WAL", e);
    }
  }
}
