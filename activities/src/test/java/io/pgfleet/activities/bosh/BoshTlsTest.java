package io.pgfleet.activities.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import javax.net.ssl.SSLException;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Like bosh-deployment: a private CA signs a certificate whose SAN is the Director's IP. */
class BoshTlsTest {

  private static final String LOOPBACK = "127.0.0.1";

  private final HeldCertificate boshCa =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("default_ca").build();
  private final MockWebServer server = new MockWebServer();
  private String url;

  @BeforeEach
  void startHttpsDirector() throws IOException {
    HeldCertificate directorCert =
        new HeldCertificate.Builder().addSubjectAlternativeName(LOOPBACK).signedBy(boshCa).build();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(directorCert, boshCa.certificate())
            .build()
            .sslSocketFactory());
    server.setDispatcher(new RouteDispatcher().on("GET /info", Bosh.json(Bosh.BASIC_INFO)));
    server.start(InetAddress.getByName(LOOPBACK), 0);
    url = "https://" + LOOPBACK + ":" + server.getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void trustsTheGivenCa() {
    HttpBoshDirector director = new HttpBoshDirector(withCa(boshCa.certificatePem()));

    assertThat(director.info().name()).isEqualTo("test-bosh");
  }

  @Test
  void refusesAServerSignedByAnotherCa() {
    HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).build();
    HttpBoshDirector director = new HttpBoshDirector(withCa(otherCa.certificatePem()));

    assertThatThrownBy(director::info)
        .isInstanceOf(BoshUnavailableException.class)
        .hasCauseInstanceOf(SSLException.class);
  }

  @Test
  void withoutACaTheDefaultTrustStoreRefusesAPrivateCa() {
    HttpBoshDirector director = new HttpBoshDirector(withCa(null));

    assertThatThrownBy(director::info).hasCauseInstanceOf(SSLException.class);
  }

  @Test
  void aCaWithoutCertificatesIsAConfigurationError() {
    assertThatThrownBy(() -> new HttpBoshDirector(withCa("not a pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BOSH CA");
  }

  private BoshDirectorConfig withCa(String caPem) {
    return new BoshDirectorConfig(url, "admin", "not-a-real-secret", caPem, Bosh.FAST_POLL);
  }
}
