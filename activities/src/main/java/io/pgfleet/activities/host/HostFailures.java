package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;

/** ApplicationFailures with a pgfleet type; retryable exactly when the type says so. */
final class HostFailures {
  private HostFailures() {}

  static ApplicationFailure of(FailureType type, String message) {
    return type.retryable()
        ? ApplicationFailure.newFailure(message, type.name())
        : ApplicationFailure.newNonRetryableFailure(message, type.name());
  }

  static ApplicationFailure of(FailureType type, String message, Throwable cause) {
    if (cause == null) {
      return of(type, message);
    }
    return type.retryable()
        ? ApplicationFailure.newFailureWithCause(message, type.name(), cause)
        : ApplicationFailure.newNonRetryableFailureWithCause(message, type.name(), cause);
  }
}
