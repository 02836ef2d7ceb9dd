package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.OperationView;

/**
 * @param topology roles after the failover (unchanged unless FAILED_OVER)
 * @param reason the decision in one sentence, e.g. "standby 0 bytes behind, within 1048576"
 * @param rpoBytesEstimate the standby's last known lag when it was promoted
 * @param timeline the new primary's timeline after promotion, 0 otherwise
 */
public record FailoverResult(
    FailoverOutcome outcome,
    String reason,
    Topology topology,
    long rpoBytesEstimate,
    int timeline,
    OperationView operation) {}
