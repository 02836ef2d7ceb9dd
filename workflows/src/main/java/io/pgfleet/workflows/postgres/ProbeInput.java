package io.pgfleet.workflows.postgres;

/**
 * @param timeoutMillis connect and query timeout: a frozen node must not hold the probe long
 */
public record ProbeInput(PostgresEndpoint node, long timeoutMillis) {}
