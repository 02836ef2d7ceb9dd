package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The pgpool main process: started detached (its own session, output to {@code
 * <dataDir>/sys/log/pgpool.log}) so it outlives the activity and the agent; found again through its
 * own pid file.
 */
final class PgpoolProcess {

  /** pgpool is up in about a second; it also waits up to search_primary_node_timeout. */
  private static final long START_WAIT_MILLIS = 30_000;

  /** A fast stop disconnects clients at once; beyond this the processes are killed. */
  private static final long STOP_WAIT_MILLIS = 30_000;

  private static final long POLL_MILLIS = 100;
  private static final int PROBE_CONNECT_MILLIS = 200;
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(40);

  private final HostEnvironment env;
  private final HostLayout layout;
  private final HostCommandRunner runner;
  private final PidFiles pids;

  PgpoolProcess(HostEnvironment env, HostLayout layout, HostCommandRunner runner, PidFiles pids) {
    this.env = env;
    this.layout = layout;
    this.runner = runner;
    this.pids = pids;
  }

  Path confFile() {
    return layout.pgpoolDir().resolve("pgpool.conf");
  }

  Path pcpConfFile() {
    return layout.pgpoolDir().resolve("pcp.conf");
  }

  Path pcpPassFile() {
    return layout.pgpoolDir().resolve("pcppass");
  }

  /** pgpool's own pid file (pid_file_name), distinct from the cloud's sys/run/pgpool.pid. */
  Path ownPidFile() {
    return layout.pgpoolDir().resolve("pgpool.pid");
  }

  Optional<Long> runningPid() {
    return HostFiles.read(ownPidFile())
        .flatMap(text -> ProcessProbe.parsePid(text.lines().findFirst().orElse("")))
        .filter(ProcessProbe::alive);
  }

  boolean isRunning() {
    return runningPid().isPresent();
  }

  /** Starts pgpool unless it runs; either way records its pid. */
  void start() {
    Optional<Long> running = runningPid();
    if (running.isPresent()) {
      pids.record(HostLayout.PGPOOL, running.get());
      return;
    }
    // left behind by a pgpool that was killed: it would refuse to start or to bind
    HostFiles.delete(ownPidFile());
    HostFiles.delete(layout.socketDir().resolve(".s.PGSQL." + env.pgpoolPort()));
    HostFiles.delete(layout.socketDir().resolve(".s.PGSQL." + env.pcpPort()));
    Process launcher =
        runner.startDetached(
            pgpool("-n", "-D", "-f", confFile().toString(), "-F", pcpConfFile().toString()),
            layout.logFile(HostLayout.PGPOOL));
    long deadline = System.currentTimeMillis() + START_WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      Optional<Long> pid = runningPid();
      // PCP is checked by its socket file: a probe connection would log a FATAL there
      if (pid.isPresent()
          && accepts(env.pgpoolPort())
          && Files.exists(layout.socketDir().resolve(".s.PGSQL." + env.pcpPort()))) {
        pids.record(HostLayout.PGPOOL, pid.get());
        return;
      }
      if (!launcher.isAlive()) {
        throw startFailure("pgpool exited with code " + launcher.exitValue());
      }
      sleep();
    }
    runningPid().ifPresent(ProcessProbe::kill);
    throw startFailure("pgpool did not accept connections within " + START_WAIT_MILLIS + " ms");
  }

  void reload() {
    runner.run(pgpool("-f", confFile().toString(), "-F", pcpConfFile().toString(), "reload"));
  }

  /** Fast shutdown; the pid file goes first, since stopping is now the intent. */
  void stop() {
    pids.remove(HostLayout.PGPOOL);
    Optional<Long> pid = runningPid();
    if (pid.isEmpty()) {
      return;
    }
    runner.probe(pgpool("-f", confFile().toString(), "-m", "fast", "stop"));
    long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
    while (ProcessProbe.alive(pid.get()) && System.currentTimeMillis() < deadline) {
      sleep();
    }
    if (ProcessProbe.alive(pid.get())) {
      ProcessProbe.kill(pid.get());
    }
  }

  void restart() {
    stop();
    start();
  }

  private boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(env.address(), port), PROBE_CONNECT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private RuntimeException startFailure(String message) {
    String log =
        HostFiles.read(layout.logFile(HostLayout.PGPOOL))
            .map(text -> OutputBuffer.tail(text, OutputBuffer.MESSAGE_TAIL))
            .orElse("");
    return HostFailures.of(
        FailureType.HOST_COMMAND_FAILED,
        message
            + " on "
            + env.address()
            + "; end of "
            + layout.logFile(HostLayout.PGPOOL)
            + ":\n"
            + log);
  }

  private HostCommand pgpool(String... args) {
    return HostCommand.of(COMMAND_TIMEOUT, env.pgpoolBin(), args);
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED, "interrupted while waiting for pgpool");
    }
  }
}
