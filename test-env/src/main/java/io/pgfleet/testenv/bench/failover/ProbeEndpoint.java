package io.pgfleet.testenv.bench.failover;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where the write probe connects: a pgjdbc URL (several hosts are tried in order, as libpq does)
 * and the login. Every system gets the same client settings, so neither is measured with a
 * friendlier client.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://h1:9999,h2:9999/db} or, for a cluster without a
 *     router, {@code jdbc:postgresql://h1:5432,h2:5432/db?targetServerType=primary}
 */
public record ProbeEndpoint(String jdbcUrl, String user, String password) {

  /** A dead host refuses at once on loopback; one second covers a busy server's accept. */
  static final String CONNECT_TIMEOUT_SECONDS = "1";

  /** Connect plus authentication; past this the probe tries again rather than waiting. */
  static final String LOGIN_TIMEOUT_SECONDS = "2";

  /**
   * An insert takes milliseconds; one that hangs (a frozen server, a router waiting on a dead
   * backend) is abandoned after this and the probe reconnects.
   */
  static final String SOCKET_TIMEOUT_SECONDS = "2";

  /**
   * pgjdbc remembers for this long that a host was a standby or down; the default 10 s would keep a
   * freshly promoted standby out of the candidates.
   */
  static final String HOST_RECHECK_SECONDS = "1";

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, properties());
  }

  Properties properties() {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
    props.setProperty("loginTimeout", LOGIN_TIMEOUT_SECONDS);
    props.setProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
    props.setProperty("hostRecheckSeconds", HOST_RECHECK_SECONDS);
    props.setProperty("ApplicationName", "bench-failover");
    return props;
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "ProbeEndpoint[" + jdbcUrl + " as " + user + "]";
  }
}
