package io.pgfleet.activities.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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

  /** SIGKILLs the process and everything it started; for stops that did not finish in time. */
  static void kill(long pid) {
    ProcessHandle.of(pid)
        .ifPresent(
            handle -> {
              handle.descendants().forEach(ProcessHandle::destroyForcibly);
              handle.destroyForcibly();
            });
  }
}
