package io.pgfleet.testenv.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keystore keytool makes: names the host for every kind of client, made once, owner-only. */
class S3ProxyTlsIT {

  @TempDir Path dir;

  @Test
  void keystoreNamesTheHostAsIpAndDnsAndIsKeptAcrossRestarts() throws Exception {
    S3ProxyTls.Material first = S3ProxyTls.prepare(dir, "127.0.0.1");
    S3ProxyTls.Material second = S3ProxyTls.prepare(dir, "127.0.0.1");

    // type 7 = iPAddress (Java clients), type 2 = dNSName (pgBackRest/OpenSSL compares only these)
    assertThat(certificate(second).getSubjectAlternativeNames())
        .extracting(name -> name.get(0) + "=" + name.get(1))
        .containsExactlyInAnyOrder("7=127.0.0.1", "2=127.0.0.1", "2=localhost");
    assertThat(Files.readString(second.certFile())).isEqualTo(Files.readString(first.certFile()));
    assertThat(second.keystorePassword()).isEqualTo(first.keystorePassword());
    assertThat(Files.getPosixFilePermissions(second.keystore()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  private static X509Certificate certificate(S3ProxyTls.Material tls) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tls.keystore())) {
      store.load(in, tls.keystorePassword().toCharArray());
    }
    return (X509Certificate) store.getCertificate(store.aliases().nextElement());
  }
}
