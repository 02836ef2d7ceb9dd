package io.pgfleet.gateway.ops;

/**
 * The optional body of {@code POST /api/v1/clusters/{id}/switchover}.
 *
 * @param reason why the operator asks, recorded with the operation and in the audit log
 */
public record SwitchoverBody(String reason) {}
