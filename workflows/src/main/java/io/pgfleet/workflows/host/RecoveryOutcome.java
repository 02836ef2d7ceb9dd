package io.pgfleet.workflows.host;

/**
 * How a point-in-time recovery ended: the server was promoted and accepts writes.
 *
 * @param timeline the new timeline the promotion started
 * @param endLsn the WAL position recovery stopped at ({@code pg_last_wal_replay_lsn()})
 * @param lastCommitAtMillis the commit time of the last replayed transaction (epoch ms), null when
 *     recovery replayed no commit
 * @param stopReason PostgreSQL's "recovery stopping …" log line, null when it stopped at the end of
 *     the archive
 */
public record RecoveryOutcome(
    int timeline, String endLsn, Long lastCommitAtMillis, String stopReason) {}
