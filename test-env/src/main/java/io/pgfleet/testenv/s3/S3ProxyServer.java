package io.pgfleet.testenv.s3;

import io.pgfleet.testenv.temporal.ProcessStopper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A running S3Proxy child process with the bucket of its settings in place. Closing stops the
 * process (SIGTERM, then SIGKILL); the data directory stays.
 */
public final class S3ProxyServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3ProxyServer.class);

  /** Measured 1.7 s on 2 cores; a loaded CI machine gets room, a hung start does not. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** S3Proxy stops in well under a second on SIGTERM. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /**
   * A small heap fits local backups (S3Proxy streams object bodies); SerialGC and C1 only keep its
   * footprint and start-up CPU low on a 2-core machine shared with PostgreSQL VMs.
   */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  static final String LOG_FILE = "server.log";
  private static final int LOG_TAIL_LINES = 20;

  private final S3ProxySettings settings;
  private final Process process;
  private final Path certFile;

  private S3ProxyServer(S3ProxySettings settings, Process process, Path certFile) {
    this.settings = settings;
    this.process = process;
    this.certFile = certFile;
  }

  /** Starts S3Proxy and returns once it answers and the bucket exists. */
  public static S3ProxyServer start(S3ProxySettings settings) {
    requireFile(settings.jar());
    requireFree(settings.host(), settings.httpPort());
    requireFree(settings.host(), settings.httpsPort());
    S3ProxyTls.Material tls;
    Path config;
    Process process;
    try {
      Files.createDirectories(settings.dataDir());
      Files.createDirectories(settings.workDir());
      Files.setPosixFilePermissions(
          settings.workDir(), PosixFilePermissions.fromString("rwx------"));
      tls = S3ProxyTls.prepare(settings.workDir(), settings.host());
      config = S3ProxyConfig.write(settings, tls);
      process =
          new ProcessBuilder(command(settings.jar(), config))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(settings).toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new S3ProxyStartException("cannot start S3Proxy for " + settings + ": " + e, e);
    }
    S3ProxyServer server = new S3ProxyServer(settings, process, tls.certFile());
    LOG.info("started S3Proxy pid {} for {}, log {}", process.pid(), settings, logFile(settings));
    try {
      String notReady = S3ProxyReadiness.await(settings, START_TIMEOUT, process::isAlive);
      if (notReady != null) {
        throw new S3ProxyStartException(notReady + "; " + server.logTail());
      }
      server.ensureBucket();
      return server;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
      throw new S3ProxyStartException("interrupted while starting S3Proxy for " + settings, e);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  static List<String> command(Path jar, Path config) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-jar", jar.toString(), "--properties", config.toString()));
    return command;
  }

  private void ensureBucket() {
    try (S3Client s3 = client()) {
      if (S3Buckets.ensure(s3, settings.bucket())) {
        LOG.info("created bucket {} on {}", settings.bucket(), settings.endpoint());
      }
    } catch (SdkException e) {
      throw new S3ProxyStartException(
          "S3Proxy at "
              + settings.endpoint()
              + " answers but bucket "
              + settings.bucket()
              + " cannot be created: "
              + e.getMessage()
              + "; "
              + logTail(),
          e);
    }
  }

  /** A client for the plain endpoint, signed with the settings' credentials. */
  public S3Client client() {
    return S3Buckets.client(settings.endpoint(), settings.accessKey(), settings.secretKey());
  }

  public S3ProxySettings settings() {
    return settings;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** The self-signed certificate (PEM) of the https endpoint, for clients that verify TLS. */
  public Path certFile() {
    return certFile;
  }

  public Path logFile() {
    return logFile(settings);
  }

  @Override
  public void close() {
    if (!ProcessStopper.stop(process.pid(), STOP_GRACE)) {
      LOG.warn("S3Proxy pid {} ({}) is still alive after SIGKILL", process.pid(), settings);
    }
  }

  private static Path logFile(S3ProxySettings settings) {
    return settings.workDir().resolve(LOG_FILE);
  }

  private String logTail() {
    Path log = logFile();
    try {
      List<String> lines = Files.readAllLines(log);
      return "log "
          + log
          + " ends with:\n"
          + String.join(
              "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "log " + log + " unreadable: " + e.getMessage();
    }
  }

  private static void requireFile(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new S3ProxyStartException(
          "S3Proxy jar not found: " + jar + " (org.gaul:s3proxy jar-with-dependencies)");
    }
  }

  /** Fails early: a port held by someone else would make the readiness probe lie. */
  private static void requireFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
      socket.getLocalPort();
    } catch (IOException e) {
      throw new S3ProxyStartException(
          "port " + port + " on " + host + " is in use by another process; S3Proxy needs it", e);
    }
  }
}
