package io.pgfleet.workflows.rollout;

/**
 * How one cluster's update ended.
 *
 * @param operationId the cluster operation that applied the change
 * @param error why it failed or was skipped; null when it succeeded
 */
public record ClusterRolloutResult(
    String clusterId, String operationId, boolean succeeded, String error, long finishedAtMillis) {}
