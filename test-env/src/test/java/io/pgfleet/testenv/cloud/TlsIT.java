package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a generated CA that clients trust from the PEM in the state directory. */
class TlsIT {

  @TempDir Path stateDir;

  @Test
  void clientsTrustingTheWrittenCaReachTheDirectorByIpAcrossRestarts() throws Exception {
    String password = UUID.randomUUID().toString();
    String firstCa;
    try (LocalCloud cloud = tlsCloud(password)) {
      assertThat(cloud.directorUrl().toString()).startsWith("https://127.0.0.1:");
      Path caFile = cloud.caCertFile().orElseThrow();
      firstCa = Files.readString(caFile);
      assertThat(firstCa).isEqualTo(cloud.caCertPem().orElseThrow());

      DirectorClient client =
          new DirectorClient(cloud.directorUrl(), "admin", password, trusting(firstCa));
      assertThat(client.get("/info").statusCode()).isEqualTo(200);
      long task =
          DirectorClient.taskId(
              client.postYaml("/deployments", TestManifests.cluster("pg", 1, 0), null));
      assertThat(client.awaitTask(task).get("state").asText()).isEqualTo("done");
      var again = client.postYaml("/deployments", TestManifests.cluster("pg", 1, 0), null);
      assertThat(again.headers().firstValue("Location").orElseThrow())
          .startsWith("https://127.0.0.1:");
      client.awaitTask(DirectorClient.taskId(again));
    }
    try (LocalCloud again = tlsCloud(password)) {
      assertThat(again.caCertPem()).hasValue(firstCa);
      DirectorClient client =
          new DirectorClient(again.directorUrl(), "admin", password, trusting(firstCa));
      assertThat(client.get("/deployments/pg").statusCode()).isEqualTo(200);
    }
  }

  private LocalCloud tlsCloud(String password) throws Exception {
    return TestCloud.builder(stateDir, new RecordingLauncher(), password).tls(true).start();
  }

  private static SSLContext trusting(String caPem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry(
        "local-cloud-ca",
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return tls;
  }
}
