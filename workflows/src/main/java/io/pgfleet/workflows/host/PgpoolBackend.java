package io.pgfleet.workflows.host;

/**
 * @param id pgpool's backend number (0, 1, …), stable for the life of the cluster
 * @param applicationName the standby's application_name in primary_conninfo, so pgpool can match
 *     pg_stat_replication rows to backends
 */
public record PgpoolBackend(int id, String host, int port, String applicationName) {}
