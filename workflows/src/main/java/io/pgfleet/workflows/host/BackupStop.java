package io.pgfleet.workflows.host;

/**
 * What pg_backup_stop returned. A restore writes {@code backupLabel} as {@code backup_label} (and
 * {@code tablespaceMap}, when there is one, as {@code tablespace_map}) into the restored data
 * directory; without them the copy is not a valid base backup.
 *
 * @param stopLsn the backup's end position: recovery must reach it before the copy is consistent
 * @param stopWalFile the WAL file holding {@code stopLsn}; archived when pg_backup_stop returned
 * @param tablespaceMap null when the cluster has no tablespaces of its own
 * @param stoppedAtMillis the server's clock when pg_backup_stop returned (epoch milliseconds)
 */
public record BackupStop(
    String backupId,
    String stopLsn,
    String stopWalFile,
    String backupLabel,
    String tablespaceMap,
    long stoppedAtMillis) {}
