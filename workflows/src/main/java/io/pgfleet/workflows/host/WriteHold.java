package io.pgfleet.workflows.host;

/**
 * A primary that takes no more writes (switchover).
 *
 * @param flushLsn {@code pg_current_wal_flush_lsn()} once writes were held: everything an
 *     acknowledged commit wrote is at or before it
 * @param terminatedSessions client sessions ended because a transaction was open when the hold
 *     began (it could have written after it); none of them had been acknowledged a commit
 */
public record WriteHold(String flushLsn, int terminatedSessions) {}
