package io.pgfleet.workflows.cluster;

/**
 * WAL archiving as the primary's node agent last reported it to the cluster's workflow (Signal
 * {@code archiveHealth}), sent when its state changes: archiving started failing, WAL waits too
 * long to be archived, or both cleared.
 *
 * @param reporter the reporting VM's instance name, e.g. {@code postgres/0}
 * @param healthy archiving keeps up: the latest attempt succeeded and nothing waits too long
 * @param problem what is wrong, e.g. "archive_command failed for 000000010000000000000007"; null
 *     when healthy
 * @param lastArchivedWal the newest segment in the archive; null before the first
 * @param lastArchivedAtMillis when it was archived (epoch ms); null before the first
 * @param pendingSegments WAL files waiting to be archived
 * @param oldestPendingSeconds how long the oldest of them has waited; null when none waits
 * @param lagBytes WAL written but not archived yet; null when not known
 * @param atMillis when the agent saw this state (epoch ms, the agent's clock)
 */
public record ArchiveHealth(
    String reporter,
    boolean healthy,
    String problem,
    String lastArchivedWal,
    Long lastArchivedAtMillis,
    int pendingSegments,
    Long oldestPendingSeconds,
    Long lagBytes,
    long atMillis) {}
