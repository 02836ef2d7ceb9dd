package io.pgfleet.activities.bosh;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the Director is and how to log in. The Director's {@code /info} decides whether {@code
 * client}/{@code secret} are a basic-auth user and password or UAA client credentials.
 *
 * @param url e.g. {@code https://10.0.0.6:25555}
 * @param caPem PEM of the CA(s) that signed the Director's and UAA's certificates; when set, only
 *     these are trusted. Null trusts the JVM's default store.
 * @param pollInterval how often a waiting caller looks at a running task
 */
public record BoshDirectorConfig(
    String url, String client, String secret, String caPem, Duration pollInterval) {

  /** BOSH tasks take tens of seconds to hours; 3 s keeps event logs timely at little cost. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(3);

  public BoshDirectorConfig {
    Objects.requireNonNull(url, "BOSH Director url");
    Objects.requireNonNull(client, "BOSH client (user or UAA client id)");
    Objects.requireNonNull(secret, "BOSH secret");
    if (pollInterval == null) {
      pollInterval = DEFAULT_POLL_INTERVAL;
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
    }
  }

  /** Never prints the secret or the CA body. */
  @Override
  public String toString() {
    return "BoshDirectorConfig[url="
        + url
        + ", client="
        + client
        + ", secret=***, caPem="
        + (caPem == null ? "none" : "set")
        + ", pollInterval="
        + pollInterval
        + "]";
  }
}
