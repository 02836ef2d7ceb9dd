package io.pgfleet.workflows.cluster;

/**
 * What a node agent tells its cluster's workflow by Signal when the data plane sees the primary
 * fail: pgpool's failover hook (after its watchdog consensus) or the standby losing its replication
 * stream. A report only starts a failover's confirmation; it decides nothing by itself.
 *
 * @param reporter the reporting VM's instance name, e.g. {@code pgpool/1} or {@code postgres/1}
 * @param suspectAddress the address of the PostgreSQL node seen failing; a report about a node that
 *     is no longer the primary is ignored
 * @param atMillis when the reporter saw it (epoch ms, the reporter's clock)
 * @param detail what it saw, e.g. "pgpool detached backend 0: health check failed"
 */
public record DataPlaneReport(
    String reporter, String suspectAddress, long atMillis, String detail) {}
