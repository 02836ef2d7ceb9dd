package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;
import java.time.Duration;
import java.util.Map;

/**
 * @param maximumLagBytes promote only a standby at most this far behind (the plan's
 *     maximum_lag_on_failover)
 * @param toleranceMillis how long the primary must stay down before it is replaced; 0 (or less)
 *     means {@link #DEFAULT_TOLERANCE}
 * @param postgresParameters the plan's postgresql.conf settings, written again when the old primary
 *     rejoins as a standby (pg_rewind copies the new primary's files); null means none
 */
public record FailoverInput(
    String clusterId,
    String operationId,
    Topology topology,
    ClusterSecrets secrets,
    long maximumLagBytes,
    FailoverTrigger trigger,
    long toleranceMillis,
    Map<String, String> postgresParameters) {

  /**
   * A primary frozen or unreachable for less than this stays primary: a stall of a few seconds
   * (checkpoint, I/O hiccup, lost packets) costs less than a failover and its rebuild. It counts
   * from the earliest data-plane report. A crash is not waited for: when a quorum sees the primary
   * down and the control plane's connection is refused (nothing listens on 5432, the postmaster is
   * gone), the failover goes on at the first look; a primary that times out waits this long.
   */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(5);

  public FailoverInput {
    postgresParameters = postgresParameters == null ? Map.of() : postgresParameters;
  }

  /** The configured tolerance, or the default (not a get-prefixed name: Jackson would send it). */
  public Duration tolerance() {
    return toleranceMillis > 0 ? Duration.ofMillis(toleranceMillis) : DEFAULT_TOLERANCE;
  }
}
