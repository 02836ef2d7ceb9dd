package io.pgfleet.testenv.s3;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs S3Proxy in the foreground for scripts ({@code ./pgfleet up}) until SIGTERM:
 *
 * <pre>
 * S3ProxyMain --jar JAR --data-dir DIR --work-dir DIR [--host 127.0.0.1] [--port 9000]
 *             [--secure-port 9443] [--bucket pgfleet-backups]
 * </pre>
 *
 * The credentials come from the environment ({@value #ACCESS_KEY_ENV}, {@value #SECRET_KEY_ENV}),
 * never the command line, which every local user can read. Prints {@code s3proxy server pid:
 * <pid>}, {@code s3proxy certificate: <pem file>} and then {@code s3proxy ready: <http-endpoint>
 * <https-endpoint> bucket: <bucket>}; exits 1 if S3Proxy cannot start or dies.
 */
public final class S3ProxyMain {

  public static final String READY = "s3proxy ready: ";
  public static final String ACCESS_KEY_ENV = "PGFLEET_S3_ACCESS_KEY";
  public static final String SECRET_KEY_ENV = "PGFLEET_S3_SECRET_KEY";

  /** Ports a developer's S3 tools are pointed at (MinIO's habit for http). */
  private static final int DEFAULT_PORT = 9000;

  private static final int DEFAULT_SECURE_PORT = 9443;

  /** How often to notice that S3Proxy died; it only matters for a prompt exit status. */
  private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

  private static final List<String> OPTIONS =
      List.of("--jar", "--data-dir", "--work-dir", "--host", "--port", "--secure-port", "--bucket");

  private S3ProxyMain() {}

  public static void main(String[] args) throws InterruptedException {
    quietLibraries();
    S3ProxySettings settings;
    try {
      settings = parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("s3proxy launcher: " + e.getMessage());
      System.err.println(
          "usage: S3ProxyMain --jar JAR --data-dir DIR --work-dir DIR [--host 127.0.0.1]"
              + " [--port 9000] [--secure-port 9443] [--bucket pgfleet-backups];"
              + " credentials in "
              + ACCESS_KEY_ENV
              + " and "
              + SECRET_KEY_ENV);
      System.exit(2);
      return;
    }
    S3ProxyServer server;
    try {
      server = S3ProxyServer.start(settings);
    } catch (S3ProxyStartException e) {
      System.err.println("s3proxy failed: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-stop"));
    System.out.println("s3proxy server pid: " + server.pid());
    System.out.println("s3proxy certificate: " + server.certFile());
    System.out.println(
        READY
            + settings.endpoint()
            + " "
            + settings.secureEndpoint()
            + " bucket: "
            + settings.bucket());
    System.out.flush();
    while (server.isRunning()) {
      Thread.sleep(WATCH_INTERVAL.toMillis());
    }
    System.err.println("S3Proxy at " + settings.endpoint() + " exited; log " + server.logFile());
    System.exit(1);
  }

  static S3ProxySettings parse(String[] args, Map<String, String> env) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown or incomplete option " + args[i]);
      }
      options.put(args[i], args[++i]);
    }
    for (String required : List.of("--jar", "--data-dir", "--work-dir")) {
      if (!options.containsKey(required)) {
        throw new IllegalArgumentException(required + " is required");
      }
    }
    for (String variable : List.of(ACCESS_KEY_ENV, SECRET_KEY_ENV)) {
      if (env.getOrDefault(variable, "").isBlank()) {
        throw new IllegalArgumentException("environment variable " + variable + " is not set");
      }
    }
    return new S3ProxySettings(
        Path.of(options.get("--jar")).toAbsolutePath(),
        Path.of(options.get("--data-dir")).toAbsolutePath(),
        Path.of(options.get("--work-dir")).toAbsolutePath(),
        options.getOrDefault("--host", "127.0.0.1"),
        port(options, "--port", DEFAULT_PORT),
        port(options, "--secure-port", DEFAULT_SECURE_PORT),
        env.get(ACCESS_KEY_ENV),
        env.get(SECRET_KEY_ENV),
        options.getOrDefault("--bucket", S3ProxySettings.DEFAULT_BUCKET));
  }

  private static int port(Map<String, String> options, String option, int defaultPort) {
    String value = options.get(option);
    try {
      return value == null ? defaultPort : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a port number, not " + value);
    }
  }

  /** Without a logback.xml the AWS SDK and Apache HTTP client log every request at DEBUG. */
  private static void quietLibraries() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.INFO);
    }
  }
}
