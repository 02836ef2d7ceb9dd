package io.pgfleet.activities.bosh;

import io.pgfleet.activities.tls.PemTrust;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/** The one OkHttp client for the Director and its UAA: same CA for both, redirects off. */
final class BoshTls {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Event logs and manifests of large deployments take a while to stream. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private BoshTls() {}

  /**
   * Redirects stay off: BOSH answers long calls with 302 to {@code /tasks/:id} and OkHttp would
   * follow it as a GET that drops {@code Authorization} when the host differs (NAT, IP vs name).
   * The caller reads the id from {@code Location} instead.
   */
  static OkHttpClient httpClient(String caPem) {
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .followRedirects(false)
            .followSslRedirects(false)
            .connectTimeout(CONNECT_TIMEOUT)
            .readTimeout(READ_TIMEOUT);
    if (caPem != null && !caPem.isBlank()) {
      X509TrustManager trust = PemTrust.of(caPem, "the BOSH CA");
      builder.sslSocketFactory(sslContext(trust).getSocketFactory(), trust);
    }
    return builder.build();
  }

  private static SSLContext sslContext(X509TrustManager trust) {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {trust}, null);
      return tls;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for the BOSH Director", e);
    }
  }
}
