package io.pgfleet.workflows.backup;

/**
 * Retention of archived WAL: segments (any timeline) before {@code oldestNeededWalFile}'s position
 * go; history files and the stanza's info files stay.
 *
 * @param oldestNeededWalFile the start WAL file of the oldest backup that is kept
 */
public record PruneWalRequest(String clusterId, String oldestNeededWalFile) {}
