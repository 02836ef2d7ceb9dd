package io.pgfleet.workflows.switchover;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;

/** A step that says no, as a non-retryable failure carrying its sentence. */
final class SwitchoverRefusal {

  private SwitchoverRefusal() {}

  static ApplicationFailure because(String reason) {
    return ApplicationFailure.newNonRetryableFailure(reason, FailureType.OPERATION_FAILED.name());
  }
}
