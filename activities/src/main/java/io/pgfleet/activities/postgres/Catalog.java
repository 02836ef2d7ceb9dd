package io.pgfleet.activities.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Lookups in the system catalogs and plain statement execution. */
final class Catalog {

  private Catalog() {}

  /**
   * @param privileged superuser, replication, role creation or RLS bypass: never a binding's role
   */
  record Role(String name, boolean canLogin, boolean privileged) {}

  static Optional<Role> role(Connection c, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT rolcanlogin, rolsuper OR rolreplication OR rolcreaterole OR rolbypassrls"
                + " FROM pg_roles WHERE rolname = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new Role(name, rs.getBoolean(1), rs.getBoolean(2)))
            : Optional.empty();
      }
    }
  }

  /** The database's owner, if the database exists. */
  static Optional<String> databaseOwner(Connection c, String database) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?")) {
      s.setString(1, database);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
