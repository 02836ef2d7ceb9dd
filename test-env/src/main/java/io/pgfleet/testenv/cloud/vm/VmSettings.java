package io.pgfleet.testenv.cloud.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What every local VM shares: where its agent finds Temporal, the binaries its jobs run, and the
 * unprivileged user that owns its directories.
 *
 * @param temporalAddress host:port of the Temporal frontend, or null when only a client was given
 * @param vmUser owner of VM and disk directories and the user PostgreSQL runs as; null when the
 *     local cloud does not run as root (no user switching then)
 * @param stopGrace how long stopped jobs get between SIGTERM and SIGKILL
 * @param variables the config server's values for {@code ((name))} placeholders in job properties
 */
public record VmSettings(
    String temporalAddress,
    String temporalNamespace,
    String vmUser,
    Path postgresBinDir,
    Path pgpoolBin,
    Duration stopGrace,
    Map<String, String> variables) {

  public VmSettings {
    variables = Map.copyOf(variables);
  }

  /** Variable values never reach a log. */
  @Override
  public String toString() {
    return "VmSettings[temporal="
        + temporalAddress
        + "/"
        + temporalNamespace
        + ", vmUser="
        + vmUser
        + ", variables="
        + variables.keySet()
        + "]";
  }
}
