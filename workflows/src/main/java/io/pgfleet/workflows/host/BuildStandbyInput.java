package io.pgfleet.workflows.host;

import java.util.List;
import java.util.Map;

/**
 * @param slotName physical replication slot on the primary reserved for this standby
 * @param replicaHosts addresses allowed to replicate from this node once it is promoted
 */
public record BuildStandbyInput(
    String clusterId,
    String primaryHost,
    int primaryPort,
    String slotName,
    PostgresCredentials credentials,
    Map<String, String> parameters,
    List<String> replicaHosts) {}
