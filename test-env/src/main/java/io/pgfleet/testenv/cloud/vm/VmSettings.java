package io.pgfleet.testenv.cloud.vm;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What every local VM shares: where its agent finds Temporal, the binaries its jobs run, and the
 * unprivileged user that owns its directories.
 *
 * @param temporalAddress host:port of the Temporal frontend, or null when only a client was given
 * @param vmUser owner of VM and disk directories and the user PostgreSQL runs as; null when the
 *     local cloud does not run as root (no user switching then)
 * @param stopGrace how long stopped jobs get between SIGTERM and SIGKILL
 */
public record VmSettings(
    String temporalAddress,
    String temporalNamespace,
    String vmUser,
    Path postgresBinDir,
    Path pgpoolBin,
    Duration stopGrace) {}
