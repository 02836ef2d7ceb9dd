package io.pgfleet.workflows.backup.schedule;

import java.util.List;

/**
 * What one scheduled run did.
 *
 * @param backup the backup it asked for and its outcome
 * @param deletedBackupIds catalog entries retention removed (with their snapshots)
 * @param retentionFailures entries retention could not remove, and why; they stay for the next run
 * @param prunedWalFiles archived WAL files no kept backup needs any more, deleted
 */
public record ScheduledBackupResult(
    String clusterId,
    RequestedBackup backup,
    List<String> deletedBackupIds,
    List<String> retentionFailures,
    int prunedWalFiles) {}
