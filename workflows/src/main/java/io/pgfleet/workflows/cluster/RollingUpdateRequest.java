package io.pgfleet.workflows.cluster;

import java.util.Map;

/**
 * Apply a new manifest to the cluster node by node, with one switchover ({@code POST
 * /api/v1/clusters/{id}/rolling-update}, a fleet rollout, or a plan change).
 *
 * @param operationId chosen by the caller; the Update id and the child workflow's id suffix
 * @param requestedBy who asked (an API caller, {@code rollout/<id>}, the broker)
 * @param description what changes, recorded with the operation
 * @param postgresParameters PostgreSQL settings on top of the plan's; empty for none
 * @param recreate whether every VM is recreated even when its manifest part is unchanged
 * @param planId the plan to move to (a plan change); null keeps the cluster's plan
 */
public record RollingUpdateRequest(
    String operationId,
    String requestedBy,
    String description,
    Map<String, String> postgresParameters,
    boolean recreate,
    String planId) {}
