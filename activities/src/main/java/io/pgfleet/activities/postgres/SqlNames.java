package io.pgfleet.activities.postgres;

import io.pgfleet.workflows.cluster.ClusterSecrets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Role and database names as they may reach SQL. Only plain lower-case identifiers pass, so quoting
 * them is just wrapping them in double quotes; names PostgreSQL or the cluster itself uses are
 * refused, so a binding can never take over the superuser or the replication role.
 */
final class SqlNames {

  private SqlNames() {}

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** The cluster's own roles and the names PostgreSQL reserves for role specifications. */
  private static final Set<String> RESERVED_ROLES =
      Set.of(
          "postgres",
          ClusterSecrets.REPLICATION_USER,
          ClusterSecrets.PCP_USER,
          "public",
          "none",
          "current_role",
          "current_user",
          "session_user");

  private static final Set<String> RESERVED_DATABASES =
      Set.of("postgres", "template0", "template1");

  /** A role an application uses (owner or binding): a plain name that is not the cluster's. */
  static String applicationRole(String value, String what) {
    String name = plain(value, what);
    if (RESERVED_ROLES.contains(name) || name.startsWith("pg_")) {
      throw SqlFailures.invalid(what + " '" + name + "' is reserved for PostgreSQL or pgfleet");
    }
    return name;
  }

  static String applicationDatabase(String value) {
    String name = plain(value, "database");
    if (RESERVED_DATABASES.contains(name)) {
      throw SqlFailures.invalid("database '" + name + "' is reserved for PostgreSQL");
    }
    return name;
  }

  /** A validated name as an SQL identifier. */
  static String quoted(String name) {
    return "\"" + name + "\"";
  }

  /** A validated name as an SQL string literal (for settings such as {@code role}). */
  static String literal(String name) {
    return "'" + name + "'";
  }

  private static String plain(String value, String what) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw SqlFailures.invalid(
          what + " '" + value + "' is not a plain lower-case name ([a-z_][a-z0-9_]{0,62})");
    }
    return value;
  }
}
