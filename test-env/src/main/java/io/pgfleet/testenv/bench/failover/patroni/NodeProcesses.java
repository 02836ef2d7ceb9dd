package io.pgfleet.testenv.bench.failover.patroni;

import io.pgfleet.testenv.cloud.vm.VmProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The processes of one Patroni member, by pid: Patroni itself and the postmaster it detaches (found
 * through the data directory's postmaster.pid, checked against its command line so a reused pid is
 * never hit), with every descendant of both.
 */
final class NodeProcesses {

  /** A dying postmaster may still fork (a child respawned); bound the rounds. */
  private static final int KILL_ROUNDS = 40;

  private static final long POLL_MILLIS = 25;

  private NodeProcesses() {}

  static List<Long> pids(Long patroniPid, Path dataDir) {
    Set<Long> pids = new LinkedHashSet<>();
    if (patroniPid != null) {
      withDescendants(patroniPid, pids);
    }
    postmasterPid(dataDir).ifPresent(pid -> withDescendants(pid, pids));
    pids.removeIf(pid -> !VmProcesses.isAlive(pid));
    return new ArrayList<>(pids);
  }

  /** SIGKILL to every pid until none is left alive. */
  static void kill(Long patroniPid, Path dataDir) throws InterruptedException {
    for (int round = 0; round < KILL_ROUNDS; round++) {
      List<Long> pids = pids(patroniPid, dataDir);
      if (pids.isEmpty()) {
        return;
      }
      signalKill(pids);
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException(
        "processes of " + dataDir + " survive SIGKILL: " + pids(patroniPid, dataDir));
  }

  static void signalKill(Collection<Long> pids) {
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  /** The postmaster of {@code dataDir}, if one runs. */
  static OptionalLong postmasterPid(Path dataDir) {
    try {
      String first = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
      long pid = Long.parseLong(first);
      String cmdline =
          new String(
              Files.readAllBytes(Path.of("/proc", first, "cmdline")), StandardCharsets.UTF_8);
      boolean ours = cmdline.contains(dataDir.toAbsolutePath().toString());
      return ours && VmProcesses.isAlive(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty(); // no pid file, or its process is gone
    }
  }

  private static void withDescendants(long pid, Set<Long> into) {
    ProcessHandle.of(pid)
        .ifPresent(
            p -> {
              into.add(pid);
              p.descendants().forEach(child -> into.add(child.pid()));
            });
  }
}
