package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.ArchiveSettings;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy 4.1 as a child process for ArchivingIT (the jar the pom copies to target/s3proxy):
 * filesystem storage, a plain endpoint for the AWS SDK and a TLS one for pgBackRest, which only
 * speaks https. Closing stops it by pid.
 */
final class TestS3Proxy implements AutoCloseable {

  static final String BUCKET = "pgfleet-it";
  static final Region REGION = Region.US_EAST_1;

  /** A cold JVM opens the 55 MB jar in 1-2 s; a loaded machine gets room. */
  private static final long START_TIMEOUT_MILLIS = 60_000;

  private static final long POLL_MILLIS = 100;
  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  /** S3Proxy stops within a second on SIGTERM. */
  private static final long STOP_GRACE_SECONDS = 10;

  final String host;
  final int httpsPort;
  final String accessKey;
  final String secretKey;
  final TestS3Tls tls;
  private final int httpPort;
  private final Process process;

  private TestS3Proxy(Endpoint endpoint, TestS3Tls tls, Process process) {
    this.host = endpoint.host;
    this.httpPort = endpoint.httpPort;
    this.httpsPort = endpoint.httpsPort;
    this.accessKey = endpoint.accessKey;
    this.secretKey = endpoint.secretKey;
    this.tls = tls;
    this.process = process;
  }

  private record Endpoint(
      String host, int httpPort, int httpsPort, String accessKey, String secretKey) {}

  /** Another process may take a port between our probe and S3Proxy's bind: a few fresh tries. */
  private static final int START_ATTEMPTS = 3;

  /** Starts S3Proxy on {@code host} and returns once it answers and the bucket exists. */
  static TestS3Proxy start(Path dir, String host) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(dir, host);
      } catch (AssertionError notStarted) {
        if (attempt == START_ATTEMPTS) {
          throw notStarted;
        }
      }
    }
  }

  private static TestS3Proxy startOnce(Path dir, String host) throws Exception {
    Files.createDirectories(dir.resolve("blobs"));
    // configuration and keystore password are secrets
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    TestS3Tls tls = TestS3Tls.create(dir, host);
    int httpPort = freePort(host);
    int httpsPort = freePort(host);
    while (httpsPort == httpPort) {
      httpsPort = freePort(host);
    }
    Endpoint endpoint =
        new Endpoint(
            host,
            httpPort,
            httpsPort,
            "AKID" + UUID.randomUUID().toString().substring(0, 8),
            UUID.randomUUID().toString());
    Path config = dir.resolve("s3proxy.conf");
    writeConfig(config, endpoint, tls, dir.resolve("blobs"));
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar().toString(),
                "--properties",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("s3proxy.log").toFile())
            .redirectInput(new File("/dev/null"))
            .start();
    TestS3Proxy proxy = new TestS3Proxy(endpoint, tls, process);
    try {
      proxy.awaitReady(dir.resolve("s3proxy.log"));
      try (S3Client s3 = proxy.client()) {
        s3.createBucket(b -> b.bucket(BUCKET));
      }
      return proxy;
    } catch (Exception | AssertionError e) {
      proxy.close();
      throw e;
    }
  }

  /** The settings a workflow would send: https with this proxy's certificate as CA. */
  ArchiveSettings settings(String clusterId) {
    return new ArchiveSettings(
        ArchiveSettings.stanzaFor(clusterId),
        host,
        httpsPort,
        BUCKET,
        REGION.id(),
        accessKey,
        secretKey,
        ArchiveSettings.repositoryPathFor(clusterId),
        true,
        tls.pem(),
        ArchiveSettings.UriStyle.PATH);
  }

  /** A path-style client on the plain endpoint (S3Proxy has no per-bucket host names). */
  S3Client client() {
    return S3Client.builder()
        .endpointOverride(URI.create("http://" + host + ":" + httpPort))
        .forcePathStyle(true)
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(Path log) throws Exception {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (!(accepts(host, httpPort) && accepts(host, httpsPort))) {
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        throw new AssertionError("S3Proxy did not start on " + host + "; see " + log);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private static void writeConfig(Path file, Endpoint e, TestS3Tls tls, Path blobs)
      throws IOException {
    Properties p = new Properties();
    p.setProperty("s3proxy.endpoint", "http://" + e.host() + ":" + e.httpPort());
    p.setProperty("s3proxy.secure-endpoint", "https://" + e.host() + ":" + e.httpsPort());
    p.setProperty("s3proxy.keystore-path", tls.keystore().toString());
    p.setProperty("s3proxy.keystore-password", tls.password());
    p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    p.setProperty("s3proxy.identity", e.accessKey());
    p.setProperty("s3proxy.credential", e.secretKey());
    p.setProperty("jclouds.provider", "filesystem-nio2");
    p.setProperty("jclouds.filesystem.basedir", blobs.toString());
    try (Writer out = Files.newBufferedWriter(file)) {
      p.store(out, "ArchivingIT");
    }
  }

  private static Path jar() {
    Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "S3Proxy jar missing at " + jar + "; run the IT through mvn verify, which copies it");
    }
    return jar;
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  private static boolean accepts(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
