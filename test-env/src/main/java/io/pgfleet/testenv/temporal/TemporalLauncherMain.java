package io.pgfleet.testenv.temporal;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Temporal in the foreground for scripts ({@code ./pgfleet up}) until SIGTERM.
 *
 * <pre>
 * TemporalLauncherMain [--port 7233] [--ui-port 8233 | --headless] [--db-file F] [--work-dir D]
 *                      [--ip 127.0.0.1] [--cli PATH] [--search-attributes FILE] [--no-fallback]
 *                      [--ui-codec-endpoint URL]
 * </pre>
 *
 * Prints {@code temporal server pid: <pid|none>} and then {@code temporal ready: <address> ui:
 * <url|none>}; exits 1 if the server cannot start or dies.
 */
public final class TemporalLauncherMain {

  /** Ports a developer's tools (CLI, SDK defaults, bookmarks) expect. */
  private static final int DEFAULT_PORT = 7233;

  private static final int DEFAULT_UI_PORT = 8233;

  /** How often to notice that the server died; it only matters for a prompt exit status. */
  private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

  private TemporalLauncherMain() {}

  public static void main(String[] args) throws InterruptedException {
    quietLibraryDebugLogs();
    TemporalLaunchOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("temporal launcher: " + e.getMessage());
      System.exit(2);
      return;
    }
    TemporalServer server;
    try {
      server = TemporalLauncher.start(options);
    } catch (RuntimeException e) {
      System.err.println("temporal failed: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "temporal-stop"));
    System.out.println(
        "temporal server pid: "
            + (server.pid().isPresent() ? server.pid().getAsLong() : "none (in-process)"));
    System.out.println(
        "temporal ready: " + server.address() + " ui: " + server.uiUrl().orElse("none"));
    while (server.isRunning()) {
      Thread.sleep(WATCH_INTERVAL.toMillis());
    }
    System.err.println("temporal server at " + server.address() + " exited");
    System.exit(1);
  }

  static TemporalLaunchOptions parse(String[] args) {
    int port = DEFAULT_PORT;
    int uiPort = DEFAULT_UI_PORT;
    boolean headless = false;
    boolean fallback = true;
    String host = TemporalLaunchOptions.LOOPBACK;
    Path dbFile = null;
    Path workDir = null;
    Path cli = null;
    Path attributes = null;
    String codecEndpoint = null;
    Iterator<String> it = Arrays.asList(args).iterator();
    while (it.hasNext()) {
      String arg = it.next();
      switch (arg) {
        case "--port" -> port = Integer.parseInt(value(arg, it));
        case "--ui-port" -> uiPort = Integer.parseInt(value(arg, it));
        case "--headless" -> headless = true;
        case "--db-file" -> dbFile = Path.of(value(arg, it)).toAbsolutePath();
        case "--work-dir" -> workDir = Path.of(value(arg, it)).toAbsolutePath();
        case "--ip" -> host = value(arg, it);
        case "--cli" -> cli = Path.of(value(arg, it));
        case "--search-attributes" -> attributes = Path.of(value(arg, it));
        case "--no-fallback" -> fallback = false;
        case "--ui-codec-endpoint" -> codecEndpoint = value(arg, it);
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    if (workDir == null) {
      workDir =
          dbFile != null ? dbFile.getParent() : Path.of(".pgfleet", "temporal").toAbsolutePath();
    }
    return new TemporalLaunchOptions(
        host,
        port,
        uiPort,
        headless,
        TemporalLaunchOptions.DEFAULT_NAMESPACE,
        workDir,
        Optional.ofNullable(dbFile),
        Optional.ofNullable(cli),
        attributes != null
            ? SearchAttributesFile.read(attributes)
            : SearchAttributesFile.fromRepository(),
        fallback,
        Optional.ofNullable(codecEndpoint));
  }

  private static String value(String flag, Iterator<String> it) {
    if (!it.hasNext()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return it.next();
  }

  /** Without a logback.xml every gRPC and Netty debug line would reach the script's log. */
  private static void quietLibraryDebugLogs() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.INFO);
    }
  }
}
