package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;

/** A restore refused before anything changed: the input can never succeed as given. */
final class Rejection {

  private Rejection() {}

  static ApplicationFailure because(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.name());
  }

  static boolean is(Throwable failure) {
    Throwable t = failure;
    while (t != null) {
      if (t instanceof ApplicationFailure app) {
        return FailureType.INVALID_INPUT.name().equals(app.getType());
      }
      t = t.getCause();
    }
    return false;
  }
}
