package io.pgfleet.workflows.host;

/**
 * One backup in the stanza's repository as {@code pgbackrest info} describes it.
 *
 * @param label pgBackRest's backup set label, e.g. {@code 20240611-101500F}
 * @param type {@code full}, {@code diff} or {@code incr}: what pgBackRest actually took (an
 *     incremental without a full before it becomes a full)
 * @param priorLabel the backup an incremental builds on; null for a full
 * @param timeline the timeline of the start WAL file
 * @param databaseSizeBytes the size of the data directory backed up
 * @param repositorySizeBytes what this backup stored in the repository (compressed, only changed
 *     files for an incremental)
 */
public record PgBackRestBackup(
    String backupId,
    String label,
    String type,
    String priorLabel,
    String startLsn,
    String stopLsn,
    String startWalFile,
    String stopWalFile,
    int timeline,
    long startedAtMillis,
    long stoppedAtMillis,
    long databaseSizeBytes,
    long repositorySizeBytes) {}
