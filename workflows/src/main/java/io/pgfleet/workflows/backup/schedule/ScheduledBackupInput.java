package io.pgfleet.workflows.backup.schedule;

/**
 * One scheduled backup of a cluster, as its Schedule starts it.
 *
 * @param retainBackups completed backups to keep after this one (at least 1 is always kept)
 */
public record ScheduledBackupInput(String clusterId, int retainBackups) {}
