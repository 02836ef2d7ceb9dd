package io.pgfleet.workflows.backup;

/** Names one backup in the catalog. */
public record BackupRef(String clusterId, String backupId) {}
