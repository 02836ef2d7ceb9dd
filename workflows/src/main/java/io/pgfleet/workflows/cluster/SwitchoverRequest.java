package io.pgfleet.workflows.cluster;

/**
 * An operator's planned change of primary ({@code POST /api/v1/clusters/{id}/switchover}).
 *
 * @param operationId chosen by the gateway; the Update id and the child workflow's id suffix
 * @param requestedBy who asked (the API caller), recorded with the operation
 * @param reason free text recorded with the operation; may be null
 */
public record SwitchoverRequest(String operationId, String requestedBy, String reason) {}
