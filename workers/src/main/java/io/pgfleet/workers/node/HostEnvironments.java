package io.pgfleet.workers.node;

import io.pgfleet.activities.bosh.ManifestActivitiesImpl;
import io.pgfleet.activities.host.HostEnvironment;
import io.pgfleet.activities.host.PgpoolWatchdog;
import java.util.List;

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
        orDefault(config.pcpPort(), NodeAgentConfig.DEFAULT_PCP_PORT),
        config.commandPrefix());
  }

  /**
   * The pgpools that vote with this one: every instance the "pgpool" link lists, in index order;
   * this VM's watchdog id is its position there (its index, unless indexes have gaps). None on a VM
   * of another group or when the link lists no other pgpool.
   */
  static PgpoolWatchdog pgpoolWatchdog(NodeAgentConfig config) {
    if (!ManifestActivitiesImpl.PGPOOL_GROUP.equals(config.instanceGroup())
        || config.links() == null) {
      return PgpoolWatchdog.NONE;
    }
    List<NodeAgentConfig.LinkedInstance> pgpools =
        config.links().getOrDefault(ManifestActivitiesImpl.PGPOOL_GROUP, List.of()).stream()
            .sorted(java.util.Comparator.comparingInt(NodeAgentConfig.LinkedInstance::index))
            .toList();
    List<String> members = pgpools.stream().map(NodeAgentConfig.LinkedInstance::address).toList();
    int ownId = members.indexOf(config.address());
    if (ownId < 0 || members.size() < 2) {
      return PgpoolWatchdog.NONE;
    }
    return new PgpoolWatchdog(ownId, members);
  }

  /** The application_name of the PostgreSQL node {@code instanceGroup/index}. */
  static String nodeName(String instanceGroup, int index) {
    return instanceGroup + "_" + index;
  }

  private static int orDefault(int port, int fallback) {
    return port > 0 ? port : fallback;
  }
}
