package io.pgfleet.activities.bosh;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;

/** Maps client exceptions to the ApplicationFailure types the workflows branch on. */
final class BoshFailures {

  private BoshFailures() {}

  static ApplicationFailure toFailure(String what, BoshException e) {
    String message = what + " failed: " + e.getMessage();
    if (e instanceof BoshTaskFailedException failed) {
      return failure(
          failed.isLockFailure()
              ? FailureType.BOSH_DEPLOYMENT_LOCKED
              : FailureType.BOSH_TASK_FAILED,
          message,
          e);
    }
    if (e instanceof BoshApiException) {
      return failure(FailureType.BOSH_REQUEST_REJECTED, message, e);
    }
    // Unreachable, 5xx, or an unreadable answer (often a proxy in between): worth another try.
    return failure(FailureType.BOSH_UNAVAILABLE, message, e);
  }

  static ApplicationFailure failure(FailureType type, String message, Throwable cause) {
    return type.retryable()
        ? ApplicationFailure.newFailureWithCause(message, type.name(), cause)
        : ApplicationFailure.newNonRetryableFailureWithCause(message, type.name(), cause);
  }
}
