package io.pgfleet.testenv.bench.failover;

import java.util.List;
import java.util.Optional;

/**
 * How long writes stopped around a kill: from the last write acknowledged before the kill began to
 * the first acknowledged write that was sent after the kill was done. A write sent before the kill
 * and acknowledged while the victim was still dying does not end the outage.
 */
public record Outage(long lastAckBeforeMillis, long firstAckAfterMillis) {

  public double seconds() {
    return (firstAckAfterMillis - lastAckBeforeMillis) / 1000.0;
  }

  /**
   * @return empty while no write sent after {@code killDoneMillis} has been acknowledged
   * @throws IllegalStateException when no write was acknowledged before the kill (no baseline)
   */
  public static Optional<Outage> around(List<Ack> acks, long killStartMillis, long killDoneMillis) {
    long lastBefore =
        acks.stream()
            .mapToLong(Ack::ackAtMillis)
            .filter(at -> at <= killStartMillis)
            .max()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the write probe had no acknowledged write before the kill"));
    return acks.stream()
        .filter(a -> a.sentAtMillis() >= killDoneMillis)
        .mapToLong(Ack::ackAtMillis)
        .min()
        .stream()
        .mapToObj(firstAfter -> new Outage(lastBefore, firstAfter))
        .findFirst();
  }
}
