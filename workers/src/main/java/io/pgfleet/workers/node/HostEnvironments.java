package io.pgfleet.workers.node;

import io.pgfleet.activities.host.HostEnvironment;

/** The host activities' view of a VM, built from the agent's job configuration. */
final class HostEnvironments {
  private HostEnvironments() {}

  /**
   * Node name {@code <instance_group>_<index>} (e.g. postgres_1) is what a standby puts into
   * application_name, so workflows give pgpool the same name for that backend.
   */
  static HostEnvironment from(NodeAgentConfig config) {
    return new HostEnvironment(
        config.vmId(),
        nodeName(config.instanceGroup(), config.index()),
        config.address(),
        config.storeDir(),
        config.dataDir(),
        config.runAsUser(),
        config.postgresBinDir() != null
            ? config.postgresBinDir()
            : NodeAgentConfig.DEFAULT_POSTGRES_BIN,
        config.pgpoolBin() != null ? config.pgpoolBin() : NodeAgentConfig.DEFAULT_PGPOOL_BIN,
        orDefault(config.postgresPort(), NodeAgentConfig.DEFAULT_POSTGRES_PORT),
        orDefault(config.pgpoolPort(), NodeAgentConfig.DEFAULT_PGPOOL_PORT),
        orDefault(config.pcpPort(), NodeAgentConfig.DEFAULT_PCP_PORT));
  }

  /** The application_name of the PostgreSQL node {@code instanceGroup/index}. */
  static String nodeName(String instanceGroup, int index) {
    return instanceGroup + "_" + index;
  }

  private static int orDefault(int port, int fallback) {
    return port > 0 ? port : fallback;
  }
}
