package io.pgfleet.testenv.bench.failover;

/**
 * One write the database acknowledged (its commit returned).
 *
 * @param n the probe's own key for the row: rows lost are counted by it, because a sequence value
 *     the old primary handed out can be handed out again by a promoted standby that never saw it
 * @param id the bigserial value the server returned
 * @param sentAtMillis epoch milliseconds when the INSERT was sent
 * @param ackAtMillis epoch milliseconds when its commit was acknowledged
 */
public record Ack(long n, long id, long sentAtMillis, long ackAtMillis) {}
