package io.pgfleet.activities.postgres;

import io.pgfleet.workflows.postgres.NodeProbe;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.ProbeInput;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The control plane's own look at one node. Everything short of a bad input is an answer: a node
 * that cannot be reached, hangs or errors is {@code reachable=false}, and only an actively refused
 * connection (nothing listens at the address) counts as {@code refused}, the fencing proof.
 */
final class NodeProber {

  /**
   * In recovery: the timeline being received (or of the last restartpoint before streaming starts)
   * and the replay position; otherwise the timeline and position of the WAL being written.
   */
  static final String QUERY =
      "SELECT pg_is_in_recovery(),"
          + " CASE WHEN pg_is_in_recovery() THEN coalesce("
          + "(SELECT received_tli FROM pg_stat_wal_receiver WHERE received_tli > 0),"
          + " (SELECT timeline_id FROM pg_control_checkpoint()))"
          + " ELSE ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int END,"
          + " CASE WHEN pg_is_in_recovery() THEN coalesce(pg_last_wal_replay_lsn(), '0/0')"
          + " ELSE pg_current_wal_lsn() END::text";

  /** What the kernel's ECONNREFUSED reads as in Java's ConnectException. */
  private static final String REFUSED = "Connection refused";

  NodeProbe probe(ProbeInput input) {
    if (input == null || input.timeoutMillis() <= 0) {
      throw SqlFailures.invalid("a probe needs a node and a positive timeout: " + input);
    }
    PostgresEndpoint node = input.node();
    HostPort target = HostPort.of(node);
    if (node.superuserPassword() == null || node.superuserPassword().isEmpty()) {
      throw SqlFailures.invalid("no superuser password given for the node " + target);
    }
    try (Connection c = connect(target, node.superuserPassword(), seconds(input));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(QUERY)) {
      rs.next();
      boolean inRecovery = rs.getBoolean(1);
      return new NodeProbe(
          target.host(),
          target.port(),
          true,
          false,
          !inRecovery,
          rs.getInt(2),
          rs.getString(3),
          null);
    } catch (SQLException e) {
      return new NodeProbe(
          target.host(), target.port(), false, refused(e), false, 0, null, e.getMessage());
    }
  }

  /** pgjdbc takes whole seconds; rounding up never cuts a probe shorter than asked. */
  static int seconds(ProbeInput input) {
    return (int) Math.max(1, (input.timeoutMillis() + 999) / 1000);
  }

  /** Whether the connection was refused (ECONNREFUSED) rather than timed out or failed later. */
  static boolean refused(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException && String.valueOf(t.getMessage()).contains(REFUSED)) {
        return true;
      }
    }
    return false;
  }

  private static Connection connect(HostPort target, String password, int seconds)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", SqlConnector.SUPERUSER);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", Integer.toString(seconds));
    props.setProperty("socketTimeout", Integer.toString(seconds));
    // bounds the whole login, where connectTimeout covers only the TCP handshake
    props.setProperty("loginTimeout", Integer.toString(seconds));
    props.setProperty("ApplicationName", SqlConnector.APPLICATION_NAME);
    String url =
        "jdbc:postgresql://"
            + target.jdbcHost()
            + ":"
            + target.port()
            + "/"
            + SqlConnector.ADMIN_DATABASE;
    return DriverManager.getConnection(url, props);
  }
}
