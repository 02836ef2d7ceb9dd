package io.pgfleet.activities.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Superuser connections from the control plane to one node of a cluster (or a pgpool). */
final class SqlConnector {

  /** The database every cluster has; where roles are managed. */
  static final String ADMIN_DATABASE = "postgres";

  static final String SUPERUSER = "postgres";

  /**
   * Across the network, a live server answers within milliseconds; an unreachable host should fail
   * the attempt quickly so the activity's retry (not a hung socket) deals with it.
   */
  static final int CONNECT_TIMEOUT_SECONDS = 10;

  /**
   * Our statements are small DDL; a statement stuck longer (a lock held elsewhere) fails the
   * attempt well inside ActivityPolicies.SQL's two-minute start-to-close, and the retry tries
   * again.
   */
  static final int SOCKET_TIMEOUT_SECONDS = 60;

  /** Shows up in pg_stat_activity, so an operator can tell our sessions from the application's. */
  static final String APPLICATION_NAME = "pgfleet-control-plane";

  /**
   * @param role what the target is, for the failure message ("primary", "pgpool", "standby")
   */
  Connection connect(HostPort target, String database, String password, String role) {
    return connect(target, database, password, role, SOCKET_TIMEOUT_SECONDS);
  }

  /**
   * @param socketTimeoutSeconds how long one statement may run; 0 for no limit (a full read of a
   *     large table, bounded by the activity's own timeout instead)
   */
  Connection connect(
      HostPort target, String database, String password, String role, int socketTimeoutSeconds) {
    if (password == null || password.isEmpty()) {
      throw SqlFailures.invalid("no superuser password given for the " + role + " " + target);
    }
    Properties props = new Properties();
    props.setProperty("user", SUPERUSER);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
    props.setProperty("ApplicationName", APPLICATION_NAME);
    String url = "jdbc:postgresql://" + target.jdbcHost() + ":" + target.port() + "/" + database;
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      // Unreachable, starting up, refusing the password mid-rotation: all worth another attempt.
      throw SqlFailures.retryable(
          "cannot connect to the "
              + role
              + " "
              + target
              + " (database "
              + database
              + ") as "
              + SUPERUSER
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
