package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolBackend;
import java.util.LinkedHashMap;
import java.util.Map;

/** pgpool.conf for pgpool-II 4.3 in streaming-replication mode, rendered from the input. */
final class PgpoolConf {
  private PgpoolConf() {}

  /** Pre-forked children = client connection limit; three pgpools must fit max_connections. */
  static final int NUM_INIT_CHILDREN = 16;

  /** Cached backend connections per child (one per user/database pair). */
  static final int MAX_POOL = 2;

  /** Seconds between health checks and streaming-replication checks: failures show at once. */
  static final int CHECK_PERIOD_SECONDS = 1;

  /**
   * A backend on the same network answers a check within this or the attempt fails. A lost packet
   * only delays the answer: TCP resends a lost SYN after 1 s, inside this timeout.
   */
  static final int HEALTH_CHECK_TIMEOUT_SECONDS = 2;

  /**
   * Retries with no delay in between. A port that refuses connections answers each attempt at once,
   * so a crashed primary is detached at the first check after the crash (within the 1 s period); a
   * primary that does not answer (frozen, cut off) is detached only after all attempts time out, 3
   * x 2 s = 6 s, longer than the default 5 s tolerance for blips.
   */
  static final int HEALTH_CHECK_MAX_RETRIES = 2;

  static final int HEALTH_CHECK_RETRY_DELAY_SECONDS = 0;

  static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  /** How long pgpool looks for a primary (also at start-up) before serving without one. */
  static final int SEARCH_PRIMARY_SECONDS = 10;

  /** A lone pgpool: no watchdog. */
  static Map<String, Object> settings(
      HostEnvironment env, HostLayout layout, ConfigurePgpoolInput input) {
    return settings(env, layout, input, PgpoolWatchdog.NONE);
  }

  static Map<String, Object> settings(
      HostEnvironment env, HostLayout layout, ConfigurePgpoolInput input, PgpoolWatchdog watchdog) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("backend_clustering_mode", "streaming_replication");
    s.put("listen_addresses", env.address());
    s.put("port", env.pgpoolPort());
    // 4.3 names: socket_dir, not 4.4's unix_socket_directories (silently ignored by 4.3)
    s.put("socket_dir", layout.socketDir().toString());
    s.put("pcp_listen_addresses", env.address());
    s.put("pcp_port", env.pcpPort());
    s.put("pcp_socket_dir", layout.socketDir().toString());
    s.put("wd_ipc_socket_dir", layout.socketDir().toString());
    s.put("pid_file_name", layout.pgpoolDir().resolve("pgpool.pid").toString());
    s.put("logdir", layout.pgpoolDir().toString());
    s.put("memqcache_oiddir", layout.pgpoolDir().resolve("oiddir").toString());
    s.put("log_destination", "stderr");
    s.put("num_init_children", NUM_INIT_CHILDREN);
    s.put("max_pool", MAX_POOL);
    // Clients authenticate with their own passwords, which pgpool passes on to the SCRAM
    // backends: no pool_passwd to keep in sync (works only with pool_hba off).
    s.put("enable_pool_hba", false);
    s.put("pool_passwd", "");
    s.put("allow_clear_text_frontend_auth", true);
    s.put("load_balance_mode", true);
    s.put("failover_on_backend_error", true);
    // pgpool only reports; the control plane confirms, fences and promotes (no follow_primary)
    s.put("failover_command", PgpoolFailureHook.command(env));
    s.put("search_primary_node_timeout", SEARCH_PRIMARY_SECONDS);
    s.put("connect_timeout", CONNECT_TIMEOUT_MILLIS);
    checks(s, input);
    for (PgpoolBackend backend : backends(input)) {
      backend(s, backend);
    }
    PgpoolWatchdogConf.put(s, env, watchdog, input);
    return s;
  }

  private static void checks(Map<String, Object> s, ConfigurePgpoolInput input) {
    String user = InputChecks.roleName(input.checkUser(), "check user");
    String password = value(InputChecks.required(input.checkPassword(), "check password"));
    s.put("sr_check_period", CHECK_PERIOD_SECONDS);
    s.put("sr_check_user", user);
    s.put("sr_check_password", password);
    s.put("sr_check_database", "postgres");
    s.put("health_check_period", CHECK_PERIOD_SECONDS);
    s.put("health_check_timeout", HEALTH_CHECK_TIMEOUT_SECONDS);
    s.put("health_check_user", user);
    s.put("health_check_password", password);
    s.put("health_check_database", "postgres");
    s.put("health_check_max_retries", HEALTH_CHECK_MAX_RETRIES);
    s.put("health_check_retry_delay", HEALTH_CHECK_RETRY_DELAY_SECONDS);
  }

  private static java.util.List<PgpoolBackend> backends(ConfigurePgpoolInput input) {
    if (input.backends() == null || input.backends().isEmpty()) {
      throw InputChecks.invalid("pgpool needs at least one backend");
    }
    java.util.Set<Integer> ids = new java.util.HashSet<>();
    for (PgpoolBackend backend : input.backends()) {
      if (backend.id() < 0 || !ids.add(backend.id())) {
        throw InputChecks.invalid("backend ids must be distinct and not negative: " + ids);
      }
    }
    return input.backends();
  }

  private static void backend(Map<String, Object> s, PgpoolBackend backend) {
    int id = backend.id();
    s.put("backend_hostname" + id, InputChecks.host(backend.host(), "backend host"));
    s.put("backend_port" + id, InputChecks.port(backend.port(), "backend port"));
    s.put("backend_weight" + id, 1);
    s.put("backend_flag" + id, "ALLOW_TO_FAILOVER");
    if (backend.applicationName() != null && !backend.applicationName().isBlank()) {
      s.put("backend_application_name" + id, value(backend.applicationName()));
    }
  }

  static String render(Map<String, Object> settings) {
    StringBuilder out = new StringBuilder("# Managed by the pgfleet node agent.\n");
    settings.forEach(
        (name, value) -> out.append(name).append(" = ").append(format(value)).append('\n'));
    return out.toString();
  }

  /** name → value text as written, for comparing two versions of the file. */
  static Map<String, String> parse(String text) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        settings.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return settings;
  }

  private static String format(Object value) {
    if (value instanceof Boolean b) {
      return b ? "on" : "off";
    }
    if (value instanceof Integer) {
      return value.toString();
    }
    return "'" + value + "'";
  }

  /**
   * pgpool's parser has no escapes we can rely on: quotes, backslashes and newlines are refused.
   */
  private static String value(String text) {
    if (text.contains("'") || text.contains("\\") || text.contains("\n") || text.contains("\r")) {
      throw InputChecks.invalid("pgpool settings cannot hold quotes, backslashes or line breaks");
    }
    return text;
  }
}
