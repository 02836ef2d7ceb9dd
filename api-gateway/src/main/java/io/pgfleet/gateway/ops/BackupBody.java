package io.pgfleet.gateway.ops;

/**
 * The optional body of {@code POST /api/v1/clusters/{id}/backups}.
 *
 * @param mode "snapshot" (default: an IaaS disk snapshot between pg_backup_start and
 *     pg_backup_stop) or "copy" (a pgBackRest backup into the cluster's repository)
 */
public record BackupBody(String mode) {}
