package io.pgfleet.activities.host;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The settings pgfleet manages in the include file: the plan's, then the VM's own (which win). */
final class PostgresSettings {
  private PostgresSettings() {}

  /** One standby plus base backups and a rebuild after failover, with room to spare. */
  static final int MAX_WAL_SENDERS = 10;

  static final int MAX_REPLICATION_SLOTS = 10;

  /** Where a standby streams from. */
  record Upstream(String host, int port, String slotName, String replicationUser) {}

  private static final Pattern CONNINFO_HOST = Pattern.compile("host='([^']*)'");
  private static final Pattern CONNINFO_PORT = Pattern.compile("port='([0-9]+)'");

  static Map<String, String> primary(
      HostEnvironment env, HostLayout layout, Map<String, String> plan) {
    return managed(env, layout, plan);
  }

  static Map<String, String> standby(
      HostEnvironment env, HostLayout layout, Map<String, String> plan, Upstream upstream) {
    Map<String, String> settings = managed(env, layout, plan);
    settings.put("primary_conninfo", primaryConninfo(env, layout, upstream));
    settings.put("primary_slot_name", upstream.slotName());
    return settings;
  }

  /**
   * The walreceiver's connection: application_name names this node so the primary's
   * pg_stat_replication (and pgpool) can tell standbys apart; the password stays in the pgpass
   * file.
   */
  static String primaryConninfo(HostEnvironment env, HostLayout layout, Upstream upstream) {
    return keyword("host", upstream.host())
        + " "
        + keyword("port", Integer.toString(upstream.port()))
        + " "
        + keyword("user", upstream.replicationUser())
        + " "
        + keyword("application_name", env.nodeName())
        + " "
        + keyword("passfile", layout.pgpassFile().toString());
  }

  /** The host and port a standby's managed settings stream from, if it is one. */
  static Optional<String> upstreamAddress(Map<String, String> settings) {
    String conninfo = settings.get("primary_conninfo");
    if (conninfo == null) {
      return Optional.empty();
    }
    Matcher host = CONNINFO_HOST.matcher(conninfo);
    Matcher port = CONNINFO_PORT.matcher(conninfo);
    return host.find() && port.find()
        ? Optional.of(host.group(1) + ":" + port.group(1))
        : Optional.empty();
  }

  private static Map<String, String> managed(
      HostEnvironment env, HostLayout layout, Map<String, String> plan) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (plan != null) {
      plan.forEach((name, value) -> settings.put(planName(name), planValue(name, value)));
    }
    settings.put("listen_addresses", env.address());
    settings.put("port", Integer.toString(env.postgresPort()));
    settings.put("unix_socket_directories", layout.socketDir().toString());
    settings.put("wal_level", "replica");
    settings.put("max_wal_senders", Integer.toString(MAX_WAL_SENDERS));
    settings.put("max_replication_slots", Integer.toString(MAX_REPLICATION_SLOTS));
    settings.put("hot_standby", "on");
    // pg_rewind needs it to bring a failed primary back as a standby
    settings.put("wal_log_hints", "on");
    return settings;
  }

  private static String planName(String name) {
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    if (!PostgresConf.isValidName(lower)) {
      throw InputChecks.invalid("plan parameter name '" + name + "' is not a setting name");
    }
    return lower;
  }

  private static String planValue(String name, String value) {
    return InputChecks.singleLine(value, "plan parameter " + name);
  }

  /** One conninfo {@code key='value'} pair, quoted as libpq reads it. */
  static String keyword(String key, String value) {
    return key + "='" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
