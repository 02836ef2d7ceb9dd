package io.pgfleet.testenv.temporal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code temporal server start-dev} as a child process, stopped by pid. */
final class DevServerProcess implements TemporalServer {

  private static final Logger LOG = LoggerFactory.getLogger(DevServerProcess.class);

  /**
   * The dev server creates its SQLite schema before it answers (1-3 s measured on 2 cores); the
   * bound leaves room for a loaded CI machine without hiding a hung start.
   */
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** It shuts down in 1-3 s on SIGTERM; after this it is killed. */
  static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private static final int LOG_TAIL_LINES = 20;

  private final Process process;
  private final String address;
  private final String namespace;
  private final Optional<String> uiUrl;
  private final Path logFile;

  private DevServerProcess(
      Process process, String address, String namespace, Optional<String> uiUrl, Path logFile) {
    this.process = process;
    this.address = address;
    this.namespace = namespace;
    this.uiUrl = uiUrl;
    this.logFile = logFile;
  }

  /**
   * Starts the dev server with {@code cli}; {@code options} must carry real ports (not 0). Returns
   * once the frontend answers for the namespace.
   */
  static DevServerProcess start(Path cli, TemporalLaunchOptions options) {
    if (!Files.isExecutable(cli) || Files.isDirectory(cli)) {
      throw new TemporalStartException("temporal CLI is not an executable file: " + cli);
    }
    Path log = options.logFile();
    String address = options.host() + ":" + options.port();
    Process process;
    try {
      Files.createDirectories(options.workDir());
      process =
          new ProcessBuilder(command(cli, options))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new TemporalStartException("cannot run " + cli + " for " + address, e);
    }
    Optional<String> ui =
        options.headless()
            ? Optional.empty()
            : Optional.of("http://" + options.host() + ":" + options.uiPort());
    DevServerProcess server = new DevServerProcess(process, address, options.namespace(), ui, log);
    LOG.info("started temporal dev server pid {} for {}, log {}", process.pid(), address, log);
    try {
      TemporalReadiness.await(
          options.host(), options.port(), options.namespace(), START_TIMEOUT, process::isAlive);
    } catch (TemporalStartException e) {
      server.close();
      throw new TemporalStartException(
          e.getMessage() + "; log " + log + " ends with:\n" + tail(log), e);
    }
    return server;
  }

  static List<String> command(Path cli, TemporalLaunchOptions options) {
    List<String> command = new ArrayList<>(List.of(cli.toString(), "server", "start-dev"));
    command.addAll(List.of("--ip", options.host(), "--port", String.valueOf(options.port())));
    if (options.headless()) {
      command.add("--headless");
    } else {
      command.addAll(List.of("--ui-port", String.valueOf(options.uiPort())));
      options
          .uiCodecEndpoint()
          .ifPresent(endpoint -> command.addAll(List.of("--ui-codec-endpoint", endpoint)));
    }
    command.addAll(List.of("--db-filename", options.effectiveDbFile().toString()));
    command.addAll(List.of("--namespace", options.namespace()));
    for (SearchAttributeDefinition attribute : options.searchAttributes()) {
      command.addAll(List.of("--search-attribute", attribute.cliArgument()));
    }
    return command;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public Kind kind() {
    return Kind.DEV_SERVER;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Optional<String> uiUrl() {
    return uiUrl;
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(process.pid());
  }

  @Override
  public Optional<Path> logFile() {
    return Optional.of(logFile);
  }

  @Override
  public boolean isRunning() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (!ProcessStopper.stop(process.pid(), STOP_GRACE)) {
      LOG.warn(
          "temporal dev server pid {} ({}) is still alive after SIGKILL", process.pid(), address);
    }
  }
}
