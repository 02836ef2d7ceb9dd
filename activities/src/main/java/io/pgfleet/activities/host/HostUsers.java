package io.pgfleet.activities.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Who the agent is and how it becomes the service user. */
final class HostUsers {
  private HostUsers() {}

  static final String SETSID = firstExisting("/usr/bin/setsid", "/bin/setsid", "setsid");
  private static final String RUNUSER =
      firstExisting("/usr/sbin/runuser", "/sbin/runuser", "runuser");

  /** Whether the agent runs as root (then it must switch users: PostgreSQL refuses root). */
  static boolean agentIsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /**
   * Whether files must be chowned to {@code runAsUser} (only root can, and only then it matters).
   */
  static boolean switchesUser(String runAsUser) {
    return runAsUser != null && !runAsUser.isBlank() && agentIsRoot();
  }

  /** The argv prefix that runs a program as {@code runAsUser}; empty when no switch is needed. */
  static List<String> switchPrefix(String runAsUser) {
    return switchesUser(runAsUser) ? List.of(RUNUSER, "-u", runAsUser, "--") : List.of();
  }

  private static String firstExisting(String... candidates) {
    for (int i = 0; i < candidates.length - 1; i++) {
      if (Files.isExecutable(Path.of(candidates[i]))) {
        return candidates[i];
      }
    }
    return candidates[candidates.length - 1];
  }
}
