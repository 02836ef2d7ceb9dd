package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.nio.file.Path;

/**
 * Where everything lives on a VM. The local cloud relies on {@link #pidFile}: while the agent
 * intends a process to run, {@code <dataDir>/sys/run/<name>.pid} holds its pid.
 */
final class HostLayout {

  /** Linux caps a Unix socket path at 107 bytes; stay well below so every socket name fits. */
  static final int MAX_SOCKET_PATH = 100;

  static final String POSTGRES = "postgres";
  static final String PGPOOL = "pgpool";

  private final HostEnvironment env;

  HostLayout(HostEnvironment env) {
    this.env = env;
  }

  /** PostgreSQL's data directory, on the persistent disk. */
  Path pgData() {
    return env.storeDir().resolve("postgres");
  }

  /** The agent's own state that must survive a VM recreate: passwords, cluster id. */
  Path agentStateDir() {
    return env.storeDir().resolve("pgfleet");
  }

  /** libpq password file for the superuser and the replication user (also the standby's). */
  Path pgpassFile() {
    return agentStateDir().resolve("pgpass");
  }

  /** The id of the cluster whose data is on this disk. */
  Path clusterIdFile() {
    return agentStateDir().resolve("cluster-id");
  }

  /** What prepareRestore set up for the data on this disk (see {@link RestoreMarker}). */
  Path restoreMarkerFile() {
    return agentStateDir().resolve("restore");
  }

  /** How that restore's recovery ended, once it has (see {@link RecoveryOutcomeFile}). */
  Path recoveryOutcomeFile() {
    return agentStateDir().resolve("recovery-outcome");
  }

  /** Where the server log of the running recovery begins; the log lives on the same disk. */
  Path recoveryLogOffsetFile() {
    return runDir().resolve("postgres.recovery-log-offset");
  }

  /** Unix sockets of PostgreSQL and pgpool: per VM, never the shared /var/run/postgresql. */
  Path socketDir() {
    return env.dataDir().resolve("sock");
  }

  /** Run and log directories, like BOSH's /var/vcap/sys. */
  Path sysDir() {
    return env.dataDir().resolve("sys");
  }

  Path runDir() {
    return sysDir().resolve("run");
  }

  Path logDir() {
    return sysDir().resolve("log");
  }

  /** {@code <dataDir>/sys/run/<name>.pid}: present while the agent intends the process to run. */
  Path pidFile(String processName) {
    return runDir().resolve(processName + ".pid");
  }

  Path logFile(String processName) {
    return logDir().resolve(processName + ".log");
  }

  /** pgpool's configuration, pid file and status file. */
  Path pgpoolDir() {
    return env.dataDir().resolve("pgpool");
  }

  /**
   * pgBackRest's configuration (with the S3 keys), spool and lock files: per VM on the ephemeral
   * disk, so neither a base backup nor a disk snapshot carries them to another node.
   */
  Path pgBackRestDir() {
    return env.dataDir().resolve("pgbackrest");
  }

  /** Fails when a socket for {@code port} would not fit in a Unix socket path. */
  void checkSocketPath(int port) {
    Path socket = socketDir().resolve(".s.PGSQL." + port);
    if (socket.toString().length() >= MAX_SOCKET_PATH) {
      throw HostFailures.of(
          FailureType.INVALID_INPUT,
          "socket path " + socket + " is too long for a Unix socket; use a shorter data dir");
    }
  }
}
