package io.pgfleet.testenv.bench.failover.patroni;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One Patroni member ("VM"): patroni as the unprivileged PostgreSQL user, started from its
 * directory, with output appended to patroni.log (PostgreSQL's log goes there too).
 */
final class PatroniNode {

  static final String PATRONI = "/usr/bin/patroni";

  private static final long POLL_MILLIS = 100;

  private final String name;
  private final String address;
  private final Path dir;
  private final String runAs;
  private Process process;
  private boolean stopped;

  /**
   * @param runAs the user to switch to (we are root and PostgreSQL refuses root); null runs as the
   *     current user
   */
  PatroniNode(String name, String address, Path dir, String runAs) {
    this.name = name;
    this.address = address;
    this.dir = dir;
    this.runAs = runAs;
  }

  String name() {
    return name;
  }

  String address() {
    return address;
  }

  Path dir() {
    return dir;
  }

  Path dataDir() {
    return dir.resolve("data");
  }

  Path log() {
    return dir.resolve("patroni.log");
  }

  void writeConfig(String yaml) throws IOException {
    Files.writeString(dir.resolve("patroni.yml"), yaml);
  }

  /** Starts patroni; setpriv execs, so the child's pid is patroni's own. */
  synchronized void start() throws IOException {
    if (stopped) {
      throw new IllegalStateException(this + " was stopped for good; not starting it again");
    }
    List<String> command = new ArrayList<>();
    if (runAs != null) {
      command.addAll(List.of("setpriv", "--reuid=" + runAs, "--regid=" + runAs, "--init-groups"));
    }
    command.addAll(List.of(PATRONI, dir.resolve("patroni.yml").toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log().toString())));
    builder.environment().put("HOME", dir.toString());
    process = builder.start();
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Every live process of this member: patroni, the postmaster and its children. */
  synchronized List<Long> pids() {
    return NodeProcesses.pids(patroniPid(), dataDir());
  }

  /** Pulls the plug: SIGKILL to patroni, the postmaster and every backend, by pid. */
  synchronized void kill() throws InterruptedException {
    NodeProcesses.kill(patroniPid(), dataDir());
    if (process != null) {
      process.waitFor();
    }
  }

  /**
   * For good: SIGTERM to patroni (it stops PostgreSQL fast); the member cannot be started again.
   * Follow with {@link #stop(Duration)}.
   */
  synchronized void terminate() {
    stopped = true;
    if (process != null && process.isAlive()) {
      process.destroy();
    }
  }

  /** {@link #terminate()}, then SIGKILL to whatever outlives {@code grace}. */
  synchronized void stop(Duration grace) throws InterruptedException {
    terminate();
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline && !NodeProcesses.pids(patroniPid(), dataDir()).isEmpty()) {
      Thread.sleep(POLL_MILLIS);
    }
    kill();
  }

  private Long patroniPid() {
    return process != null && process.isAlive() ? process.pid() : null;
  }

  @Override
  public String toString() {
    return name + " (" + address + ")";
  }
}
