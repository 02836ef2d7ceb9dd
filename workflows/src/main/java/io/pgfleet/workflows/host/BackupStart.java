package io.pgfleet.workflows.host;

/**
 * What pg_backup_start reported: the backup begins at the checkpoint it forced.
 *
 * @param startLsn the backup's start position (the redo point of its checkpoint)
 * @param startWalFile the WAL file holding {@code startLsn}: the first one a restore needs
 * @param timeline the timeline the backup was taken on
 * @param startedAtMillis the server's clock when pg_backup_start returned (epoch milliseconds)
 * @param databaseSizeBytes the sum of pg_database_size over all databases at that time
 */
public record BackupStart(
    String backupId,
    String startLsn,
    String startWalFile,
    int timeline,
    long startedAtMillis,
    long databaseSizeBytes) {}
