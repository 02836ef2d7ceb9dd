package io.pgfleet.workflows.backup.schedule;

/**
 * A backup the schedule asked the cluster workflow for, and how it ended.
 *
 * @param backupId the backup's (and operation's) id
 * @param detail why it failed or was skipped; null when it succeeded
 */
public record RequestedBackup(
    String clusterId, String backupId, RequestedBackupOutcome outcome, String detail) {}
