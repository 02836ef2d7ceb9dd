package io.pgfleet.workflows.host;

import java.util.List;
import java.util.Map;

/**
 * @param parameters postgresql.conf settings from the plan (e.g. shared_buffers, max_connections)
 * @param replicaHosts addresses allowed to connect for replication (the standby's VM)
 */
public record BootstrapPrimaryInput(
    String clusterId,
    PostgresCredentials credentials,
    Map<String, String> parameters,
    List<String> replicaHosts) {}
