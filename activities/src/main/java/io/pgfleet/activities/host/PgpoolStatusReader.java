package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** pgpool's view of its backends, from {@code pcp_node_info -a -v} over the PCP socket. */
final class PgpoolStatusReader {

  private static final String HOSTNAME = "Hostname";

  private final HostEnvironment env;
  private final PgpoolProcess process;
  private final PcpCommands pcp;

  PgpoolStatusReader(
      HostEnvironment env, HostLayout layout, HostCommandRunner runner, PgpoolProcess process) {
    this.env = env;
    this.process = process;
    this.pcp = new PcpCommands(env, layout, runner, process);
  }

  PgpoolNodeStatus read() {
    if (!process.isRunning()) {
      return new PgpoolNodeStatus(env.address(), env.pgpoolPort(), false, List.of());
    }
    CommandResult result = pcp.nodeInfo();
    return new PgpoolNodeStatus(env.address(), env.pgpoolPort(), true, parse(result.output()));
  }

  /**
   * One block of "Label : value" lines per backend, in backend id order; a block starts at its
   * Hostname line. pgpool's "waiting" is reported as "up": it only means no client has used the
   * node yet (SHOW POOL_NODES says up).
   */
  static List<PgpoolBackendStatus> parse(String output) {
    List<PgpoolBackendStatus> backends = new ArrayList<>();
    Map<String, String> block = new HashMap<>();
    for (String line : output.split("\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String label = line.substring(0, colon).strip();
      if (label.equals(HOSTNAME) && block.containsKey(HOSTNAME)) {
        backends.add(backend(backends.size(), block));
        block.clear();
      }
      block.put(label, line.substring(colon + 1).strip());
    }
    if (block.containsKey(HOSTNAME)) {
      backends.add(backend(backends.size(), block));
    }
    return backends;
  }

  private static PgpoolBackendStatus backend(int id, Map<String, String> block) {
    String status = block.getOrDefault("Status Name", "unknown");
    return new PgpoolBackendStatus(
        id,
        block.get(HOSTNAME),
        Integer.parseInt(block.getOrDefault("Port", "0")),
        "waiting".equals(status) ? "up" : status,
        block.getOrDefault("Role", "unknown"));
  }
}
