package io.pgfleet.gateway.ops;

/**
 * The optional body of {@code POST /api/v1/clusters/{id}/failover}.
 *
 * @param reason why the operator asks, recorded with the operation and in the audit log
 */
public record FailoverBody(String reason) {}
