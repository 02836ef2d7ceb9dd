package io.pgfleet.activities.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Whether a pid is a live process: reads /proc, where a zombie counts as dead. */
final class ProcessProbe {
  private ProcessProbe() {}

  static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // state is the first field after "(comm)"; comm may itself contain spaces or parentheses
      String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
      return !afterName.startsWith("Z") && !afterName.startsWith("X");
    } catch (IOException | StringIndexOutOfBoundsException e) {
      return false;
    }
  }

  static Optional<Long> parsePid(String text) {
    try {
      long pid = Long.parseLong(text.trim());
      return pid > 0 ? Optional.of(pid) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * SIGKILLs the process, everything it started and its process group, and releases the shared
   * memory they created; for stops that did not finish in time.
   */
  static void kill(long pid) {
    if (!alive(pid)) {
      return;
    }
    Set<Long> killed = new LinkedHashSet<>();
    killed.add(pid);
    ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(c -> killed.add(c.pid())));
    Optional<ProcessGroup> group = ProcessGroup.of(pid);
    group.ifPresent(g -> killed.addAll(g.members()));
    group.ifPresent(ProcessGroup::kill);
    killed.forEach(each -> ProcessHandle.of(each).ifPresent(ProcessHandle::destroyForcibly));
    OrphanedSharedMemory.release(killed);
  }
}
