package io.pgfleet.activities.host;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether this VM's PostgreSQL is a standby whose WAL receiver streams, and from where, for the
 * node agent's failure reporter. It asks twice a second, so it keeps one superuser connection open
 * between questions and opens a new one only after a failure. Not thread-safe: one poller.
 */
public final class StandbyStreamProbe implements AutoCloseable {

  /**
   * @param upstreamHost the host the standby is configured to stream from (primary_conninfo), or
   *     the one its WAL receiver reports; empty when neither is known
   */
  public record Observation(boolean standby, boolean streaming, String upstreamHost) {}

  /** The server runs on this VM: it answers at once or is not worth waiting for. */
  private static final int CONNECT_TIMEOUT_SECONDS = 2;

  /** A poll must not hang on a stuck server; the next one tries again. */
  private static final int SOCKET_TIMEOUT_SECONDS = 5;

  private static final String QUERY =
      "SELECT pg_is_in_recovery(),"
          + " EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming'),"
          + " current_setting('primary_conninfo'),"
          + " coalesce((SELECT sender_host FROM pg_stat_wal_receiver), '')";

  /** host='x' as the agent writes it, or host=x as libpq also accepts. */
  private static final Pattern CONNINFO_HOST =
      Pattern.compile("(?:^|\\s)host\\s*=\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|([^\\s']+))");

  private final HostEnvironment env;
  private final HostLayout layout;
  private Connection connection;

  public StandbyStreamProbe(HostEnvironment env) {
    this.env = env;
    this.layout = new HostLayout(env);
  }

  /** Empty when PostgreSQL cannot be asked: not set up here, stopped, or not answering. */
  public Optional<Observation> read() {
    try {
      if (connection == null) {
        Optional<Connection> opened = connect();
        if (opened.isEmpty()) {
          return Optional.empty();
        }
        connection = opened.get();
      }
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery(QUERY)) {
        rs.next();
        String upstream = upstreamHost(rs.getString(3)).orElse(rs.getString(4));
        return Optional.of(new Observation(rs.getBoolean(1), rs.getBoolean(2), upstream));
      }
    } catch (SQLException e) {
      close();
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // the connection is gone either way
      }
      connection = null;
    }
  }

  /** The host of a primary_conninfo string, unescaped. */
  static Optional<String> upstreamHost(String conninfo) {
    if (conninfo == null) {
      return Optional.empty();
    }
    Matcher m = CONNINFO_HOST.matcher(conninfo);
    if (!m.find()) {
      return Optional.empty();
    }
    String host = m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2);
    return host.isEmpty() ? Optional.empty() : Optional.of(host);
  }

  private Optional<Connection> connect() throws SQLException {
    Optional<PgPass> pgpass = HostFiles.read(layout.pgpassFile()).flatMap(PgPass::parse);
    if (pgpass.isEmpty()) {
      return Optional.empty();
    }
    Properties props = new Properties();
    props.setProperty("user", PgPass.SUPERUSER);
    props.setProperty("password", pgpass.get().superuserPassword());
    props.setProperty("sslmode", "disable");
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    props.setProperty("ApplicationName", "pgfleet-agent-stream-watch");
    String url = "jdbc:postgresql://" + env.jdbcHost() + ":" + env.postgresPort() + "/postgres";
    return Optional.of(DriverManager.getConnection(url, props));
  }
}
