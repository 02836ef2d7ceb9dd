package io.pgfleet.testenv.bench.switchover;

import io.pgfleet.testenv.bench.failover.Ack;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The longest pause between acknowledged writes around a switchover: over the acknowledgements from
 * the last one before the request to the first one of a write sent after the system said it was
 * done, the largest distance between two consecutive acknowledgement times. Steady writing shows
 * the probe's 50 ms cadence; both systems are measured the same way.
 *
 * @param fromMillis the acknowledgement that starts the longest pause
 * @param toMillis the one that ends it
 */
public record WriteGap(long fromMillis, long toMillis) {

  public double seconds() {
    return (toMillis - fromMillis) / 1000.0;
  }

  /**
   * @return empty while no write sent after {@code doneMillis} has been acknowledged
   * @throws IllegalStateException when no write was acknowledged before the request (no baseline)
   */
  public static Optional<WriteGap> around(List<Ack> acks, long startMillis, long doneMillis) {
    List<Long> times =
        acks.stream().map(Ack::ackAtMillis).sorted(Comparator.naturalOrder()).toList();
    long first =
        times.stream()
            .filter(at -> at <= startMillis)
            .max(Long::compare)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the write probe had no acknowledged write before the switchover"));
    Optional<Long> last =
        acks.stream()
            .filter(a -> a.sentAtMillis() >= doneMillis)
            .map(Ack::ackAtMillis)
            .min(Long::compare);
    if (last.isEmpty()) {
      return Optional.empty();
    }
    WriteGap longest = new WriteGap(first, first);
    long previous = first;
    for (long at : times) {
      if (at <= first || at > last.get()) {
        continue;
      }
      if (at - previous > longest.toMillis() - longest.fromMillis()) {
        longest = new WriteGap(previous, at);
      }
      previous = at;
    }
    return Optional.of(longest);
  }
}
