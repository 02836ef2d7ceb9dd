package io.pgfleet.activities.postgres;

import io.pgfleet.workflows.postgres.PostgresEndpoint;
import java.util.regex.Pattern;

/** Where a PostgreSQL or pgpool listens; safe to put into a JDBC URL. */
record HostPort(String host, int port) {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,252}");

  HostPort {
    if (host == null || !HOST.matcher(host).matches()) {
      throw SqlFailures.invalid("'" + host + "' is not a host name or IP address");
    }
    if (port < 1 || port > 65535) {
      throw SqlFailures.invalid(port + " is not a TCP port (host " + host + ")");
    }
  }

  static HostPort of(PostgresEndpoint endpoint) {
    if (endpoint == null) {
      throw SqlFailures.invalid("no PostgreSQL endpoint given");
    }
    return new HostPort(endpoint.host(), endpoint.port());
  }

  /** {@code host:port}, or {@code [v6-address]:port}. */
  static HostPort parse(String endpoint) {
    int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
    if (colon <= 0 || colon == endpoint.length() - 1) {
      throw SqlFailures.invalid("'" + endpoint + "' is not host:port");
    }
    String host = endpoint.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new HostPort(host, Integer.parseInt(endpoint.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw SqlFailures.invalid("'" + endpoint + "' is not host:port");
    }
  }

  String jdbcHost() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  @Override
  public String toString() {
    return jdbcHost() + ":" + port;
  }
}
