package io.pgfleet.activities.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * pgpool's PCP tools over the PCP Unix socket, as the pcp.conf user, the password read from the
 * PCPPASSFILE (never the command line).
 */
final class PcpCommands {

  /** PCP answers at once unless pgpool is stuck; a failover in progress holds it briefly. */
  private static final Duration PCP_TIMEOUT = Duration.ofSeconds(15);

  private final HostEnvironment env;
  private final HostLayout layout;
  private final HostCommandRunner runner;
  private final PgpoolProcess process;

  PcpCommands(
      HostEnvironment env, HostLayout layout, HostCommandRunner runner, PgpoolProcess process) {
    this.env = env;
    this.layout = layout;
    this.runner = runner;
    this.process = process;
  }

  /** {@code pcp_node_info -a -v}: every backend, verbose. */
  CommandResult nodeInfo() {
    return runner.run(command("pcp_node_info", "-a", "-v"));
  }

  /** {@code pcp_watchdog_info -v}: the cluster block first, then one block per node. */
  CommandResult watchdogInfo() {
    return runner.probe(command("pcp_watchdog_info", "-v"));
  }

  /** Marks the backend down in pgpool (pgpool then looks for the primary again). */
  CommandResult detach(int backendId) {
    return runner.probe(command("pcp_detach_node", "-n", Integer.toString(backendId)));
  }

  /** Marks the backend up again (failback). */
  CommandResult attach(int backendId) {
    return runner.probe(command("pcp_attach_node", "-n", Integer.toString(backendId)));
  }

  /**
   * Without the switchover option pgpool-II 4.3 only changes its own view: the backend becomes its
   * primary and every other backend is marked down; PostgreSQL itself is not touched (it was
   * promoted already) and no failover_command runs.
   */
  CommandResult promote(int backendId) {
    return runner.probe(command("pcp_promote_node", "-n", Integer.toString(backendId)));
  }

  private HostCommand command(String tool, String... args) {
    String user = HostFiles.read(process.pcpConfFile()).flatMap(PcpFiles::userOf).orElse("pgfleet");
    List<String> argv = new ArrayList<>();
    argv.addAll(
        List.of(
            "-h",
            layout.socketDir().toString(),
            "-p",
            Integer.toString(env.pcpPort()),
            "-U",
            user,
            "-w"));
    argv.addAll(List.of(args));
    return HostCommand.of(PCP_TIMEOUT, env.pgpoolTool(tool), argv.toArray(String[]::new))
        .withEnv("PCPPASSFILE", process.pcpPassFile().toString());
  }
}
