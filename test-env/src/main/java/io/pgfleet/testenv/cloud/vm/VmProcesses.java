package io.pgfleet.testenv.cloud.vm;

import io.pgfleet.activities.host.OrphanedSharedMemory;
import io.pgfleet.activities.host.ProcessGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and ends the processes of a local VM. Every process the node agent starts carries {@code
 * PGFLEET_VM_ID=<vm-cid>} in its environment (children inherit it), so scanning {@code
 * /proc/*}{@code /environ} finds them, however they were daemonized. PostgreSQL and pgpool
 * overwrite that memory in their children when they set process titles, so the children are found
 * as descendants of the marked processes.
 */
public final class VmProcesses {

  public static final String VM_ID_ENV = "PGFLEET_VM_ID";

  /** Killed processes may fork (a postmaster restarting children); bound the rounds. */
  private static final int KILL_ROUNDS = 20;

  private static final long POLL_MILLIS = 50;
  private static final Path PROC = Path.of("/proc");

  /** Pids of every live process of the VM and of their descendants (never this JVM). */
  public List<Long> pids(String vmCid) {
    Set<Long> all = new LinkedHashSet<>();
    for (long pid : markedPids(vmCid)) {
      all.add(pid);
      ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(child -> all.add(child.pid())));
    }
    all.remove(ProcessHandle.current().pid());
    all.removeIf(pid -> !isAlive(pid));
    return new ArrayList<>(all);
  }

  private List<Long> markedPids(String vmCid) {
    byte[] marker = (VM_ID_ENV + "=" + vmCid).getBytes(StandardCharsets.UTF_8);
    long self = ProcessHandle.current().pid();
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (pid != self && hasEntry(entry.resolve("environ"), marker) && isAlive(pid)) {
          pids.add(pid);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list /proc", e);
    }
    return pids;
  }

  /**
   * SIGKILL every process of the VM, until none is left (power off). Their process groups go at
   * once (a daemon must not fork a replacement child in between), and their SysV shared memory is
   * released as a rebooted machine would have lost it.
   */
  public void kill(String vmCid) throws InterruptedException {
    Set<Long> killed = new HashSet<>();
    try {
      for (int round = 0; round < KILL_ROUNDS; round++) {
        List<Long> pids = pids(vmCid);
        if (pids.isEmpty()) {
          return;
        }
        Set<ProcessGroup> groups = new HashSet<>();
        pids.forEach(pid -> ProcessGroup.of(pid).ifPresent(groups::add));
        groups.forEach(group -> killed.addAll(group.members()));
        killed.addAll(pids);
        groups.forEach(ProcessGroup::kill);
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        Thread.sleep(POLL_MILLIS);
      }
    } finally {
      OrphanedSharedMemory.release(killed);
    }
  }

  /** SIGTERM every process of the VM, then SIGKILL whatever outlives {@code grace}. */
  public void stop(String vmCid, Duration grace) throws InterruptedException {
    List<Long> stopped = pids(vmCid);
    stopped.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline && !pids(vmCid).isEmpty()) {
      Thread.sleep(POLL_MILLIS);
    }
    kill(vmCid);
    OrphanedSharedMemory.release(stopped);
  }

  /** Alive and not a zombie: a killed process nobody reaped yet counts as dead. */
  public static boolean isAlive(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      int afterName = stat.lastIndexOf(')');
      return afterName < 0 || stat.length() < afterName + 3 || stat.charAt(afterName + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean hasEntry(Path environ, byte[] marker) {
    byte[] env;
    try {
      env = Files.readAllBytes(environ);
    } catch (IOException e) {
      return false; // gone meanwhile, or not ours to read
    }
    int start = 0;
    for (int i = 0; i <= env.length; i++) {
      if (i == env.length || env[i] == 0) {
        if (i - start == marker.length && regionEquals(env, start, marker)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  private static boolean regionEquals(byte[] env, int start, byte[] marker) {
    for (int j = 0; j < marker.length; j++) {
      if (env[start + j] != marker[j]) {
        return false;
      }
    }
    return true;
  }
}
