package io.pgfleet.testenv.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process from /proc, for benchmark reports. */
public final class ProcessMemory {

  private ProcessMemory() {}

  /** Peak resident set (VmHWM) in MiB of the pid in {@code pidFile}; empty if not running. */
  public static OptionalLong peakRssMb(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return OptionalLong.of(kb / 1024);
        }
      }
      return OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
