package io.pgfleet.activities.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The process group a daemon (pgpool: its own session) and its children share. Killing the group
 * with one {@code kill(2)} leaves no window in which a parent forks a replacement child that a
 * pid-by-pid kill would miss and that would live on, reparented to init.
 */
public record ProcessGroup(long pgid) {
  private static final Path PROC = Path.of("/proc");
  private static final int PGID_FIELD_AFTER_NAME = 2;
  private static final long KILL_TIMEOUT_SECONDS = 10;

  /** The group of {@code pid}, unless it is this JVM's own group (never kill ourselves). */
  public static Optional<ProcessGroup> of(long pid) {
    return pgidOf(pid)
        .filter(pgid -> !pgidOf(ProcessHandle.current().pid()).equals(Optional.of(pgid)))
        .map(ProcessGroup::new);
  }

  /** Pids of the group's live members. */
  public List<Long> members() {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      entries
          .map(entry -> ProcessProbe.parsePid(entry.getFileName().toString()))
          .flatMap(Optional::stream)
          .filter(pid -> pgidOf(pid).equals(Optional.of(pgid)))
          .forEach(pids::add);
    } catch (IOException e) {
      // no /proc: nothing more to find than the caller already has
    }
    return pids;
  }

  /** SIGKILL to every member at once. */
  public void kill() {
    try {
      Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).start();
      if (!kill.waitFor(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      // the caller kills the members it knows one by one as well
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Optional<Long> pgidOf(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      // fields after "(comm)": state ppid pgrp …; comm may contain spaces or parentheses
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return ProcessProbe.parsePid(fields[PGID_FIELD_AFTER_NAME]);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
