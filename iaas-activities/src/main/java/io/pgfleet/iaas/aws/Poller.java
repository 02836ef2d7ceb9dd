package io.pgfleet.iaas.aws;

import io.pgfleet.workflows.FailureType;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads a resource until it reaches the wanted state, heartbeating what it saw on every round so
 * Temporal notices a dead worker and the workflow can cancel the wait.
 */
final class Poller {

  private final Duration interval;
  private final Duration limit;
  private final Consumer<Object> heartbeat;

  Poller(Duration interval, Duration limit) {
    this(interval, limit, details -> Activity.getExecutionContext().heartbeat(details));
  }

  Poller(Duration interval, Duration limit, Consumer<Object> heartbeat) {
    this.interval = interval;
    this.limit = limit;
    this.heartbeat = heartbeat;
  }

  /**
   * The first value {@code done} accepts. Past the limit the attempt fails retryably: the next
   * attempt goes on waiting for the same resource.
   */
  <T> T until(String what, Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      T value = read.get();
      if (done.test(value)) {
        return value;
      }
      heartbeat.accept(value);
      if (System.nanoTime() > deadline) {
        throw ApplicationFailure.newFailure(
            what + " still not done after " + limit + ", last seen: " + value,
            FailureType.IAAS_UNAVAILABLE.name());
      }
      sleep();
    }
  }

  private void sleep() {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for EC2", e);
    }
  }
}
