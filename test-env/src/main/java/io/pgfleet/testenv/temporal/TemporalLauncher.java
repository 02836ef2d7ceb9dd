package io.pgfleet.testenv.temporal;

import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Temporal: the real CLI dev server when the {@code temporal} CLI is there and starts,
 * otherwise (if allowed) the in-process Java test server with a warning naming what is missing.
 */
public final class TemporalLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(TemporalLauncher.class);

  /** What the Java test server lacks, said in the fallback warning. */
  static final String FALLBACK_MISSING =
      "no Web UI, no Schedules, no list/count visibility queries, no Worker Versioning";

  private TemporalLauncher() {}

  /**
   * Starts a server as {@code options} say and returns once it answers.
   *
   * @throws TemporalStartException if the dev server cannot start and fallback is not allowed, or
   *     the fallback fails as well
   */
  public static TemporalServer start(TemporalLaunchOptions options) {
    Optional<Path> cli = options.cli().or(TemporalCli::locate);
    String problem;
    if (cli.isEmpty()) {
      problem = "temporal CLI not found (looked at " + TemporalCli.searchedPlaces() + ")";
    } else {
      TemporalLaunchOptions resolved = withRealPorts(options);
      try {
        TemporalServer server = DevServerProcess.start(cli.get(), resolved);
        LOG.info(
            "temporal dev server ready at {} (ui {})",
            server.address(),
            server.uiUrl().orElse("none"));
        return server;
      } catch (TemporalStartException e) {
        problem = "temporal dev server failed to start with " + cli.get() + ": " + e.getMessage();
      }
    }
    if (!options.fallbackAllowed()) {
      throw new TemporalStartException(problem);
    }
    TemporalServer fallback =
        JavaTestServer.start(
            options.host(), options.port(), options.namespace(), options.searchAttributes());
    LOG.warn(
        "{}. FALLING BACK to the in-process Java test server at {}: {}. Run ./pgfleet setup to"
            + " install the CLI.",
        problem,
        fallback.address(),
        FALLBACK_MISSING);
    return fallback;
  }

  /** The dev server needs both port numbers on its command line, so 0 is resolved here. */
  private static TemporalLaunchOptions withRealPorts(TemporalLaunchOptions options) {
    int port = FreePorts.resolve(options.host(), options.port());
    int uiPort = options.headless() ? 0 : FreePorts.resolve(options.host(), options.uiPort());
    if (uiPort == port && options.uiPort() == 0) {
      uiPort = FreePorts.pick(options.host()); // the kernel may hand out the same free port twice
    }
    return options.withPorts(port, uiPort);
  }
}
