package io.pgfleet.workflows.host;

/**
 * One row of pgpool's SHOW POOL_NODES.
 *
 * @param status pgpool's word: up, down, waiting, unused
 * @param role primary or standby, as pgpool detected it
 */
public record PgpoolBackendStatus(int id, String host, int port, String status, String role) {}
