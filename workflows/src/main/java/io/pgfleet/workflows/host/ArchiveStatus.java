package io.pgfleet.workflows.host;

/**
 * WAL archiving as one node sees it: PostgreSQL's archiver statistics (pg_stat_archiver) and the
 * segments waiting in pg_wal/archive_status. Times are epoch milliseconds; null means never or
 * unknown. A standby with archive_mode=on keeps the configuration but does not archive until it is
 * promoted.
 *
 * @param stanza the stanza this node archives to; null when archiving is not configured
 * @param configured this VM holds its pgBackRest configuration for that stanza
 * @param archiveMode archive_mode as the server runs it (as configured on disk when it is down)
 * @param archiving whether this node pushes WAL now: a running primary with archive_mode on
 * @param repositoryChecked pgbackrest stanza-create and check passed on this node for the
 *     configuration in place and the current timeline
 * @param failing the latest archive attempt failed (no success since the last failure)
 * @param pendingSegments files waiting to be archived (.ready: segments, timeline history files)
 * @param oldestPendingSeconds how long the oldest of them has waited; null when none waits
 * @param lagBytes WAL written but not yet in the archive (current position minus the end of the
 *     last archived segment); null when not known (a standby, nothing archived yet)
 */
public record ArchiveStatus(
    String stanza,
    boolean configured,
    String archiveMode,
    boolean archiving,
    boolean repositoryChecked,
    long archivedCount,
    String lastArchivedWal,
    Long lastArchivedAtMillis,
    long failedCount,
    String lastFailedWal,
    Long lastFailedAtMillis,
    boolean failing,
    int pendingSegments,
    Long oldestPendingSeconds,
    Long lagBytes) {}
