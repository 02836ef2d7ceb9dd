package io.pgfleet.activities.host;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The agent's superuser session with the password it stored, and one-value queries on it. */
final class AgentSql {

  private AgentSql() {}

  static Connection connect(PostgresNode node) {
    String password =
        node.storedPgPass()
            .map(PgPass::superuserPassword)
            .orElseThrow(
                () ->
                    node.conflict(
                        "the agent on "
                            + node.env().address()
                            + " has no password for its PostgreSQL in "
                            + node.layout().pgpassFile()));
    return node.connect(List.of(password));
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The first column of the first row, as text. */
  static String value(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
