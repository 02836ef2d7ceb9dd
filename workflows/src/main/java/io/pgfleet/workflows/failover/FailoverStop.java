package io.pgfleet.workflows.failover;

import io.temporal.failure.ApplicationFailure;

/**
 * Ends a failover early from inside a step, so the step is recorded failed with the decision's
 * sentence. It never leaves the workflow: the workflow turns it into a {@link FailoverResult} with
 * the outcome, which is why its type is not a {@link io.pgfleet.workflows.FailureType}.
 */
final class FailoverStop {

  private static final String TYPE_PREFIX = "FailoverStopped:";

  private FailoverStop() {}

  static ApplicationFailure with(FailoverOutcome outcome, String reason) {
    return ApplicationFailure.newNonRetryableFailure(reason, TYPE_PREFIX + outcome.name());
  }

  /** The outcome a stop carries, or null for any other failure. */
  static FailoverOutcome outcomeOf(Throwable failure) {
    if (failure instanceof ApplicationFailure app
        && app.getType() != null
        && app.getType().startsWith(TYPE_PREFIX)) {
      return FailoverOutcome.valueOf(app.getType().substring(TYPE_PREFIX.length()));
    }
    return null;
  }
}
