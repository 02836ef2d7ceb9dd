package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * The agent's own superuser connections to its PostgreSQL, over the VM address with the SCRAM
 * password from the pgpass file (pgjdbc has no Unix-socket transport without extra libraries).
 */
final class PostgresJdbc {

  /** The server runs on this VM: it answers at once or not at all. */
  private static final int CONNECT_TIMEOUT_SECONDS = 5;

  /** Status and admin queries are tiny; a stuck one must not hang the activity. */
  private static final int SOCKET_TIMEOUT_SECONDS = 30;

  /** SQLSTATE 28P01: invalid_password. */
  private static final String INVALID_PASSWORD = "28P01";

  private final HostEnvironment env;

  PostgresJdbc(HostEnvironment env) {
    this.env = env;
  }

  Connection connect(String superuserPassword) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", PgPass.SUPERUSER);
    props.setProperty("password", superuserPassword);
    props.setProperty("sslmode", "disable");
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    props.setProperty("ApplicationName", "pgfleet-agent");
    String url = "jdbc:postgresql://" + env.jdbcHost() + ":" + env.postgresPort() + "/postgres";
    return DriverManager.getConnection(url, props);
  }

  /**
   * Connects with the first password the server accepts: the stored one, or the one a rotation is
   * about to set (a retried activity may have set it already).
   */
  Connection connectWithAny(List<String> candidates) {
    SQLException last = null;
    for (String password : candidates) {
      if (password == null) {
        continue;
      }
      try {
        return connect(password);
      } catch (SQLException e) {
        last = e;
        if (!INVALID_PASSWORD.equals(e.getSQLState())) {
          break;
        }
      }
    }
    throw failure("cannot connect to PostgreSQL on " + env.address(), last);
  }

  RuntimeException failure(String message, SQLException cause) {
    String detail = cause == null ? "no password known" : cause.getMessage();
    return HostFailures.of(FailureType.HOST_COMMAND_FAILED, message + ": " + detail, cause);
  }
}
