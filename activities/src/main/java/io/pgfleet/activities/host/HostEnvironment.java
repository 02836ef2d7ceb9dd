package io.pgfleet.activities.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One VM as its host activities see it (the node agent builds it from its own configuration).
 *
 * @param vmId the VM's cloud id; every process started here carries it in {@link #VM_ID_ENV}
 * @param nodeName stable name of this node inside its deployment, e.g. {@code postgres_1}; a
 *     standby uses it as its {@code application_name}
 * @param address the VM's own IP address; PostgreSQL and pgpool listen on it
 * @param storeDir the persistent disk: the PostgreSQL data directory and the agent's secrets
 * @param dataDir the ephemeral disk: sockets, pid files, logs, pgpool's configuration
 * @param runAsUser unprivileged user for PostgreSQL and pgpool when the agent runs as root; null
 *     runs every command as the agent's own user
 * @param commandPrefix argv put before every program started on the VM (before any user switch),
 *     e.g. {@code nsenter --net=<netns> --}; empty for none
 */
public record HostEnvironment(
    String vmId,
    String nodeName,
    String address,
    Path storeDir,
    Path dataDir,
    String runAsUser,
    Path postgresBinDir,
    Path pgpoolBin,
    int postgresPort,
    int pgpoolPort,
    int pcpPort,
    List<String> commandPrefix) {

  /** Environment variable naming the VM on every process the agent starts (and their children). */
  public static final String VM_ID_ENV = "PGFLEET_VM_ID";

  public HostEnvironment {
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(storeDir, "storeDir");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(postgresBinDir, "postgresBinDir");
    Objects.requireNonNull(pgpoolBin, "pgpoolBin");
    commandPrefix = commandPrefix == null ? List.of() : List.copyOf(commandPrefix);
  }

  /** An environment whose programs start as they are (no command prefix). */
  public HostEnvironment(
      String vmId,
      String nodeName,
      String address,
      Path storeDir,
      Path dataDir,
      String runAsUser,
      Path postgresBinDir,
      Path pgpoolBin,
      int postgresPort,
      int pgpoolPort,
      int pcpPort) {
    this(
        vmId,
        nodeName,
        address,
        storeDir,
        dataDir,
        runAsUser,
        postgresBinDir,
        pgpoolBin,
        postgresPort,
        pgpoolPort,
        pcpPort,
        List.of());
  }

  /** A program from PostgreSQL's bin directory (initdb, pg_ctl …). */
  Path postgresTool(String name) {
    return postgresBinDir.resolve(name);
  }

  /** A program installed beside pgpool (pcp_node_info …). */
  Path pgpoolTool(String name) {
    return pgpoolBin.resolveSibling(name);
  }

  /** The address in a form a JDBC URL accepts (IPv6 literals need brackets). */
  String jdbcHost() {
    return address.contains(":") ? "[" + address + "]" : address;
  }
}
