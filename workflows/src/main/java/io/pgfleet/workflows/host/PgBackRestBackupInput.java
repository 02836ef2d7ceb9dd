package io.pgfleet.workflows.host;

/**
 * @param backupId recorded on the pgBackRest backup as annotation {@code pgfleet-backup-id}; a
 *     retry finds the backup an earlier attempt finished instead of taking another
 * @param type full, or incremental on the newest backup of the stanza
 */
public record PgBackRestBackupInput(String backupId, PgBackRestBackupType type) {}
