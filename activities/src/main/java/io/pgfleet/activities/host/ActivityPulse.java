package io.pgfleet.activities.host;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;

/**
 * Heartbeats and the time left of a long-waiting activity attempt. Outside an activity (tests,
 * tools) it beats into the void and allows {@code fallback}.
 */
final class ActivityPulse {

  /**
   * Stop waiting this long before the attempt's own timeout, so the failure the agent reports (with
   * what it saw) arrives rather than a bare timeout.
   */
  private static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(10);

  private final ActivityExecutionContext context;
  private final long deadlineNanos;

  private ActivityPulse(ActivityExecutionContext context, Duration allowed) {
    this.context = context;
    this.deadlineNanos = System.nanoTime() + allowed.toNanos();
  }

  /** The pulse of the activity running on this thread. */
  static ActivityPulse current(Duration fallback) {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      return new ActivityPulse(null, fallback);
    }
    Duration timeout = context.getInfo().getStartToCloseTimeout();
    if (timeout == null || timeout.isZero()) {
      timeout = context.getInfo().getScheduleToCloseTimeout();
    }
    if (timeout == null || timeout.isZero()) {
      return new ActivityPulse(context, fallback);
    }
    Duration allowed = timeout.minus(TIMEOUT_MARGIN);
    return new ActivityPulse(context, allowed.isNegative() ? timeout : allowed);
  }

  /** Reports progress; a cancelled or timed-out activity ends here with Temporal's exception. */
  void beat(Object details) {
    if (context != null) {
      context.heartbeat(details);
    }
  }

  boolean expired() {
    return System.nanoTime() - deadlineNanos > 0;
  }
}
