package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.PgpoolWatchdogStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the cluster block of {@code pcp_watchdog_info -v} ("Label : value" lines up to the first
 * node block). Output that is not there (pcp failed, pgpool still starting) reads as no peers alive
 * and no quorum, which a caller waiting for the watchdog simply waits on.
 */
final class PgpoolWatchdogInfo {

  private static final String NODE_BLOCK = "Watchdog Node Information";

  private PgpoolWatchdogInfo() {}

  static PgpoolWatchdogStatus parse(String output) {
    Map<String, String> cluster = new HashMap<>();
    for (String line : output == null ? new String[0] : output.split("\n")) {
      if (line.strip().startsWith(NODE_BLOCK)) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        cluster.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return new PgpoolWatchdogStatus(
        true,
        number(cluster.get("Remote Nodes")),
        number(cluster.get("Alive Remote Nodes")),
        cluster.getOrDefault("Quorum state", "unknown"),
        cluster.getOrDefault("Leader Host Name", ""));
  }

  private static int number(String value) {
    try {
      return value == null ? -1 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
