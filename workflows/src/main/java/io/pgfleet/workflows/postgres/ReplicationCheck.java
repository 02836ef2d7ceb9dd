package io.pgfleet.workflows.postgres;

/**
 * @param markersWritten one per pgpool
 * @param slowestReplayMillis the longest wait until the standby showed a marker
 */
public record ReplicationCheck(int markersWritten, long slowestReplayMillis) {}
