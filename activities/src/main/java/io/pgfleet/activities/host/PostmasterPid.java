package io.pgfleet.activities.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The postmaster's lock file {@code postmaster.pid}: its pid (line 1) and, while it runs, its state
 * (line 8: starting, ready, standby, stopping).
 */
record PostmasterPid(long pid, String status) {

  static final String FILE_NAME = "postmaster.pid";

  private static final int STATUS_LINE = 7;

  static Optional<PostmasterPid> read(Path pgData) {
    return HostFiles.read(pgData.resolve(FILE_NAME)).flatMap(PostmasterPid::parse);
  }

  static Optional<PostmasterPid> parse(String text) {
    List<String> lines = text.lines().toList();
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    String status = lines.size() > STATUS_LINE ? lines.get(STATUS_LINE).strip() : "";
    return ProcessProbe.parsePid(lines.get(0)).map(pid -> new PostmasterPid(pid, status));
  }

  /** Whether connections are accepted: a primary (ready) or a hot standby in recovery. */
  boolean acceptsConnections() {
    return status.equals("ready") || status.equals("standby");
  }

  /**
   * Whether this pid is a live process working in {@code pgData}. A copied disk (a snapshot of a
   * running server) carries the pid of its source's postmaster, which may well be alive on this
   * machine. A postmaster works in its data directory; a process whose directory cannot be read is
   * taken for one.
   */
  boolean runsIn(Path pgData) {
    if (!ProcessProbe.alive(pid)) {
      return false;
    }
    try {
      Path cwd = Path.of("/proc", Long.toString(pid), "cwd").toRealPath();
      return cwd.equals(pgData.toRealPath());
    } catch (IOException | SecurityException e) {
      return Files.exists(Path.of("/proc", Long.toString(pid)));
    }
  }
}
