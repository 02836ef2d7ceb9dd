package io.pgfleet.workflows.host;

/**
 * One node's view of itself.
 *
 * @param currentLsn on a primary the current WAL write position, on a standby the last received
 * @param replayLsn on a standby the last replayed position; equals currentLsn on a primary
 * @param replayLagBytes on a standby received minus replayed bytes; 0 on a primary
 * @param streaming on a standby whether a WAL receiver streams from the primary
 * @param connections client backends connected now
 */
public record PostgresNodeStatus(
    String host,
    int port,
    PostgresRole role,
    int timeline,
    String currentLsn,
    String replayLsn,
    long replayLagBytes,
    boolean streaming,
    int connections) {}
