package io.pgfleet.testenv.s3;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run one S3Proxy.
 *
 * @param jar S3Proxy's {@code jar-with-dependencies}
 * @param dataDir where objects live (one sub-directory per bucket); survives restarts
 * @param workDir configuration, TLS keystore and the server's log
 * @param host loopback address both endpoints bind
 * @param httpPort plain endpoint (AWS SDK clients, tests)
 * @param httpsPort TLS endpoint (pgBackRest talks to S3 over https only)
 * @param accessKey AWS access key id clients sign with
 * @param secretKey AWS secret access key
 * @param bucket created once the server answers, if missing
 */
public record S3ProxySettings(
    Path jar,
    Path dataDir,
    Path workDir,
    String host,
    int httpPort,
    int httpsPort,
    String accessKey,
    String secretKey,
    String bucket) {

  public static final String DEFAULT_BUCKET = "pgfleet-backups";

  public S3ProxySettings {
    Objects.requireNonNull(jar, "S3Proxy jar");
    Objects.requireNonNull(dataDir, "S3Proxy data directory");
    Objects.requireNonNull(workDir, "S3Proxy work directory");
    Objects.requireNonNull(host, "S3Proxy host");
    requireText(accessKey, "S3 access key");
    requireText(secretKey, "S3 secret key");
    requireText(bucket, "S3 bucket");
    requirePort(httpPort, "http");
    requirePort(httpsPort, "https");
    if (httpPort == httpsPort) {
      throw new IllegalArgumentException(
          "S3Proxy http and https ports must differ, both are " + httpPort);
    }
  }

  public String endpoint() {
    return "http://" + host + ":" + httpPort;
  }

  public String secureEndpoint() {
    return "https://" + host + ":" + httpsPort;
  }

  /** Never prints the secret key. */
  @Override
  public String toString() {
    return "S3ProxySettings[" + endpoint() + ", " + secureEndpoint() + ", bucket=" + bucket + "]";
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
  }

  private static void requirePort(int port, String what) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("S3Proxy " + what + " port out of range: " + port);
    }
  }
}
