package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;

/**
 * @param maximumLagBytes promote only a standby at most this far behind (the plan's
 *     maximum_lag_on_failover)
 */
public record FailoverInput(
    String clusterId,
    String operationId,
    Topology topology,
    ClusterSecrets secrets,
    long maximumLagBytes,
    FailoverTrigger trigger) {}
