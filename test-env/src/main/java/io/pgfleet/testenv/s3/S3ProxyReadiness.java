package io.pgfleet.testenv.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits until S3Proxy answers HTTP on its plain endpoint and accepts connections on its TLS one.
 */
final class S3ProxyReadiness {

  /** Loopback connects succeed or fail at once; a longer wait would only hide a hung server. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /** A cold JVM opens a 55 MB jar in 1-2 s; polling faster would only burn a core. */
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private S3ProxyReadiness() {}

  /**
   * @return null once ready, else why not: the process exited or the timeout passed
   */
  static String await(S3ProxySettings settings, Duration timeout, BooleanSupplier alive)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!alive.getAsBoolean()) {
        return "S3Proxy exited before it answered on " + settings.endpoint();
      }
      if (answersHttp(http, settings.endpoint())
          && acceptsTcp(settings.host(), settings.httpsPort())) {
        return null;
      }
      if (System.nanoTime() > deadline) {
        return "S3Proxy did not answer on "
            + settings.endpoint()
            + " and "
            + settings.secureEndpoint()
            + " within "
            + timeout.toSeconds()
            + " s";
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  /** Any HTTP status counts: an unsigned request is refused with 403, but by S3Proxy. */
  private static boolean answersHttp(HttpClient http, String endpoint) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(PROBE_TIMEOUT).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean acceptsTcp(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
