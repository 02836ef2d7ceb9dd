package io.pgfleet.activities.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust exactly the CA certificates of a PEM (a BOSH Director's, an S3 repository's): platforms run
 * them with their own CAs, which the JVM's default trust store does not hold.
 */
public final class PemTrust {

  private PemTrust() {}

  /**
   * @param what names the PEM in errors, e.g. "the BOSH CA"
   * @throws IllegalArgumentException when the PEM holds no usable certificate
   */
  public static X509TrustManager of(String pem, String what) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new IllegalArgumentException(what + " PEM holds no certificate");
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("no X509TrustManager for " + what);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot load " + what + " PEM: " + e.getMessage(), e);
    }
  }
}
