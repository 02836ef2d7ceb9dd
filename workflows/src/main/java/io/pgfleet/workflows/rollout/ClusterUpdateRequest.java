package io.pgfleet.workflows.rollout;

/**
 * Ask one cluster to apply the rollout's change as its own operation.
 *
 * @param operationId stable for the cluster within the rollout, so a retried request is the same
 *     Update and never a second update
 */
public record ClusterUpdateRequest(
    String clusterId, String operationId, String rolloutId, RolloutChange change) {}
