package io.pgfleet.workflows.backup;

import java.util.List;

/**
 * What a cluster's WAL archive holds, read from the object store alone (works while the cluster is
 * down).
 *
 * @param timelines every timeline with archived WAL or a history file, ascending
 * @param oldestWalFile the oldest archived WAL segment; null when the archive is empty
 * @param newestWalFile the newest archived WAL segment (highest timeline, then position)
 * @param newestEndLsn the WAL position where {@code newestWalFile} ends: no LSN target beyond it
 *     can be reached
 * @param newestArchivedAtMillis when {@code newestWalFile} was stored: the cluster's latest
 *     restorable time (a commit after it cannot be in the archive)
 */
public record ArchiveCoverage(
    String stanza,
    List<Integer> timelines,
    String oldestWalFile,
    String newestWalFile,
    String newestEndLsn,
    Long newestArchivedAtMillis) {}
