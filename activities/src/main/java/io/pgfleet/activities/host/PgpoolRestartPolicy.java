package io.pgfleet.activities.host;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a changed pgpool.conf can be applied by a reload. pgpool 4.3 reloads checks, weights,
 * flags and a few switches; sockets, ports, pool sizes and which backends exist need a restart.
 */
final class PgpoolRestartPolicy {
  private PgpoolRestartPolicy() {}

  private static final Pattern RELOADABLE =
      Pattern.compile(
          "health_check_.*|sr_check_.*|backend_weight\\d+|backend_flag\\d+"
              + "|backend_application_name\\d+|allow_clear_text_frontend_auth|connect_timeout"
              + "|failover_on_backend_error|search_primary_node_timeout|log_.*");

  static boolean needsRestart(Set<String> changedSettings, boolean pcpUsersChanged) {
    return pcpUsersChanged
        || changedSettings.stream().anyMatch(name -> !RELOADABLE.matcher(name).matches());
  }
}
