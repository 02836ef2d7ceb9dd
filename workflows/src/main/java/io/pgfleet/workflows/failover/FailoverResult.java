package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.OperationView;

/**
 * @param topology roles as they are now: swapped once the standby was promoted (also when a later
 *     step then needed an operator), unchanged otherwise
 * @param reason the decision in one sentence, e.g. "postgres/1 is 0 bytes behind, within the
 *     1048576 allowed"
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
