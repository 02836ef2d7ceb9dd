package io.pgfleet.testenv.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.testenv.temporal.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The real S3Proxy jar as a process: bucket created once, signed access, https, stop by pid. */
class S3ProxyServerIT {

  private static final String HOST = "127.0.0.1";

  @TempDir Path dir;

  private S3ProxySettings settings(int httpPort, int httpsPort) {
    return new S3ProxySettings(
        Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar")),
        dir.resolve("s3"),
        dir.resolve("s3proxy"),
        HOST,
        httpPort,
        httpsPort,
        "it-access",
        "it-secret-" + ProcessHandle.current().pid(),
        "pgfleet-backups");
  }

  @Test
  void servesTheBucketOverHttpAndHttpsAndKeepsObjectsAcrossRestarts() throws Exception {
    S3ProxySettings settings = settings(FreePorts.pick(HOST), FreePorts.pick(HOST));
    long firstPid;
    try (S3ProxyServer server = S3ProxyServer.start(settings);
        S3Client s3 = server.client()) {
      firstPid = server.pid();
      assertThat(S3Buckets.exists(s3, "pgfleet-backups")).isTrue();
      s3.putObject(
          b -> b.bucket("pgfleet-backups").key("catalog/a.json"), RequestBody.fromString("{}"));
      assertThat(httpsStatusTrustingOnly(server.certFile(), settings.secureEndpoint()))
          .as("unsigned request over verified TLS is refused by S3Proxy itself")
          .isEqualTo(403);
      s3.putObject(b -> b.bucket("pgfleet-backups").key("repo/probe"), RequestBody.fromString("x"));
      assertThat(PgBackRestProbe.listRepo(settings, server.certFile(), dir.resolve("pgbackrest")))
          .as("pgBackRest (OpenSSL) verifies the certificate for 127.0.0.1 and signs requests")
          .contains("probe");
      try (S3Client wrongSecret =
          S3Buckets.client(settings.endpoint(), settings.accessKey(), "not-the-secret")) {
        assertThatThrownBy(() -> S3Buckets.exists(wrongSecret, "pgfleet-backups"))
            .isInstanceOfSatisfying(
                S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
      }
    }
    assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();

    try (S3ProxyServer again = S3ProxyServer.start(settings);
        S3Client s3 = again.client()) {
      assertThat(S3Buckets.ensure(s3, "pgfleet-backups")).as("bucket already there").isFalse();
      assertThat(s3.getObjectAsBytes(b -> b.bucket("pgfleet-backups").key("catalog/a.json")))
          .extracting(r -> r.asUtf8String())
          .isEqualTo("{}");
    }
  }

  @Test
  void portHeldByAnotherProcessIsReportedByNumberBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      S3ProxySettings settings = settings(FreePorts.pick(HOST), taken.getLocalPort());

      assertThatThrownBy(() -> S3ProxyServer.start(settings))
          .isInstanceOf(S3ProxyStartException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
      assertThat(dir.resolve("s3proxy").resolve(S3ProxyServer.LOG_FILE)).doesNotExist();
    }
  }

  private static int httpsStatusTrustingOnly(Path certFile, String endpoint) throws Exception {
    HandshakeCertificates trust =
        new HandshakeCertificates.Builder()
            .addTrustedCertificate(Certificates.decodeCertificatePem(Files.readString(certFile)))
            .build();
    HttpClient http = HttpClient.newBuilder().sslContext(trust.sslContext()).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/")).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
