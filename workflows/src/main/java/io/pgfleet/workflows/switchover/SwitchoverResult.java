package io.pgfleet.workflows.switchover;

import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.OperationView;

/**
 * @param topology roles as they are now: swapped once the standby was promoted, unchanged otherwise
 * @param timeline the new primary's timeline, 0 when nothing was promoted
 * @param writesHeldMillis workflow time from the hold on writes to their release: the re-route
 *     after a promotion, the rollback otherwise; 0 when writes were never held
 */
public record SwitchoverResult(
    SwitchoverOutcome outcome,
    String reason,
    Topology topology,
    int timeline,
    long writesHeldMillis,
    OperationView operation) {}
