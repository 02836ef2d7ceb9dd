package io.pgfleet.activities.bosh;

/**
 * Heartbeat details of a task-waiting activity: enough for the next attempt to follow the same task
 * from where this one stopped reading its event log.
 */
public record TaskProgress(long taskId, long eventOffset) {}
