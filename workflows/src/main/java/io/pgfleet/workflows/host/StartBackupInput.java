package io.pgfleet.workflows.host;

/**
 * @param backupId names the backup session on the node agent; the same id on a retry finds the
 *     session the first attempt opened instead of starting a second backup
 * @param label pg_backup_start's label: it ends up in the backup_label file (and in PostgreSQL's
 *     log), so name the cluster and backup in it
 */
public record StartBackupInput(String backupId, String label) {}
