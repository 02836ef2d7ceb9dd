package io.pgfleet.testenv.bench.failover.patroni;

import io.pgfleet.testenv.bench.failover.FailoverReport;

/**
 * The DCS timings that decide how fast Patroni fails over: the leader key lives {@code ttl}
 * seconds, a member acts every {@code loopWait} seconds, and DCS or PostgreSQL calls are retried
 * for {@code retryTimeout} seconds. Everything else stays at Patroni's defaults (among them
 * maximum_lag_on_failover 1 MiB, as pgfleet's default lag bound).
 */
public record PatroniSettings(String system, int ttl, int loopWait, int retryTimeout) {

  /** Patroni 3.0's defaults, written out. */
  public static final PatroniSettings DEFAULT =
      new PatroniSettings(FailoverReport.PATRONI_DEFAULT, 30, 10, 10);

  /** As fast as Patroni's rule ttl ≥ loop_wait + 2 × retry_timeout lets it be, with margin. */
  public static final PatroniSettings TUNED =
      new PatroniSettings(FailoverReport.PATRONI_TUNED, 10, 2, 3);

  public PatroniSettings {
    if (ttl < loopWait + 2 * retryTimeout) {
      throw new IllegalArgumentException(
          "Patroni needs ttl >= loop_wait + 2 * retry_timeout: " + this);
    }
  }
}
