package io.pgfleet.workflows.switchover;

import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;
import java.util.Map;

/**
 * @param topology the cluster as it is: its standby becomes the primary
 * @param maximumLagBytes switch over only to a standby at most this far behind when the check runs
 *     (the plan's maximum_lag_on_failover): a standby further behind would keep writes held longer
 * @param postgresParameters the plan's postgresql.conf settings, written again when the old primary
 *     rejoins as a standby; null means none
 */
public record SwitchoverInput(
    String clusterId,
    String operationId,
    Topology topology,
    ClusterSecrets secrets,
    long maximumLagBytes,
    Map<String, String> postgresParameters) {

  public SwitchoverInput {
    postgresParameters = postgresParameters == null ? Map.of() : postgresParameters;
  }
}
