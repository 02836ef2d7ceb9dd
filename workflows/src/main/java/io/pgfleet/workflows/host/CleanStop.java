package io.pgfleet.workflows.host;

/**
 * A server stopped with a clean (fast) shutdown, as pg_controldata describes it.
 *
 * @param shutdownCheckpointLsn where the shutdown checkpoint record starts: the last record the
 *     server wrote, which a standby must receive to hold everything
 * @param timeline the timeline of that checkpoint
 */
public record CleanStop(String shutdownCheckpointLsn, int timeline) {}
