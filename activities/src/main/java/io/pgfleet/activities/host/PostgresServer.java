package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.StopPostgresInput.ShutdownMode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The postmaster's life cycle through pg_ctl, keeping the pid file convention. */
final class PostgresServer {

  /** Crash recovery of a small cluster takes seconds; give pg_ctl -w room for a larger one. */
  static final int PG_CTL_WAIT_SECONDS = 120;

  private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(PG_CTL_WAIT_SECONDS + 10);
  private static final Duration QUICK = Duration.ofSeconds(30);

  /** pg_ctl status exits 3 when no server runs and 4 when there is no data directory. */
  private static final int PG_CTL_RUNNING = 0;

  private final HostEnvironment env;
  private final HostLayout layout;
  private final HostCommandRunner runner;
  private final PidFiles pids;

  PostgresServer(HostEnvironment env, HostLayout layout, HostCommandRunner runner, PidFiles pids) {
    this.env = env;
    this.layout = layout;
    this.runner = runner;
    this.pids = pids;
  }

  /** Whether the disk holds a cluster (initdb or a base backup completed). */
  boolean hasCluster() {
    return Files.isRegularFile(layout.pgData().resolve("PG_VERSION"));
  }

  /** Whether recovery is configured: the server starts (or runs) as a standby. */
  boolean standbySignalled() {
    return Files.isRegularFile(layout.pgData().resolve("standby.signal"));
  }

  /** A targeted recovery (restore) still runs or was not finished: PostgreSQL removes the file. */
  boolean recoverySignalled() {
    return Files.isRegularFile(layout.pgData().resolve("recovery.signal"));
  }

  boolean isRunning() {
    if (!hasCluster()) {
      return false;
    }
    return runner.probe(pgCtl(QUICK, "status", "-D", pgData())).exitCode() == PG_CTL_RUNNING;
  }

  /** Starts the server unless it runs; either way records its pid. */
  void start() {
    if (!isRunning()) {
      runner.run(
          pgCtl(
              PG_CTL_TIMEOUT,
              "start",
              "-D",
              pgData(),
              "-l",
              layout.logFile(HostLayout.POSTGRES).toString(),
              "-w",
              "-t",
              Integer.toString(PG_CTL_WAIT_SECONDS)));
    }
    postmasterPid().ifPresent(pid -> pids.record(HostLayout.POSTGRES, pid));
  }

  /**
   * Starts the postmaster without waiting until it accepts connections: a point-in-time recovery
   * may take longer than any fixed wait, and it is watched separately.
   */
  void launch() {
    if (!isRunning()) {
      runner.run(
          pgCtl(
              QUICK,
              "start",
              "-D",
              pgData(),
              "-l",
              layout.logFile(HostLayout.POSTGRES).toString(),
              "-W"));
    }
  }

  /** Records the running postmaster's pid (the cloud's sign that it should run). */
  void recordPid() {
    postmasterPid().ifPresent(pid -> pids.record(HostLayout.POSTGRES, pid));
  }

  /** The server stopped by itself and is meant to stay down: no pid file. */
  void forgetPid() {
    pids.remove(HostLayout.POSTGRES);
  }

  /** Stops the server if it runs; the pid file goes first, since stopping is now the intent. */
  void stop(ShutdownMode mode) {
    stop(mode, PG_CTL_WAIT_SECONDS);
  }

  /** Like {@link #stop(ShutdownMode)}, failing when the server is not down within the wait. */
  void stop(ShutdownMode mode, int waitSeconds) {
    pids.remove(HostLayout.POSTGRES);
    if (!isRunning()) {
      return;
    }
    runner.run(
        pgCtl(
            Duration.ofSeconds(waitSeconds + 10L),
            "stop",
            "-D",
            pgData(),
            "-m",
            mode.name().toLowerCase(Locale.ROOT),
            "-w",
            "-t",
            Integer.toString(waitSeconds)));
  }

  void reload() {
    runner.run(pgCtl(QUICK, "reload", "-D", pgData()));
  }

  void restart() {
    stop(ShutdownMode.FAST);
    start();
  }

  private Optional<Long> postmasterPid() {
    return HostFiles.read(layout.pgData().resolve("postmaster.pid"))
        .flatMap(text -> ProcessProbe.parsePid(text.lines().findFirst().orElse("")));
  }

  private String pgData() {
    return layout.pgData().toString();
  }

  private HostCommand pgCtl(Duration timeout, String... args) {
    return HostCommand.of(timeout, env.postgresTool("pg_ctl"), args);
  }
}
