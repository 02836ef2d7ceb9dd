package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Promise;
import java.util.Locale;

/**
 * One node's answer to a call made on several nodes at once: the value, or why there is none.
 *
 * @param problem null when the call succeeded
 */
record Answer<T>(ClusterNode node, T value, String problem) {

  boolean ok() {
    return problem == null;
  }

  /** E.g. "pgpool/2 (no answer: schedule to start timeout)". */
  String describeProblem() {
    return node.name() + " (" + problem + ")";
  }

  /** Waits for the call; a failed call is an answer without a value, cancellation still cancels. */
  static <T> Answer<T> of(ClusterNode node, Promise<T> call) {
    call.handle((value, failure) -> null).get();
    RuntimeException failure = call.getFailure();
    if (failure == null) {
      return new Answer<>(node, call.get(), null);
    }
    return new Answer<>(node, null, problem(failure));
  }

  /**
   * The failure in a few words: a timeout is "no answer" (a dead VM's agent never takes the task),
   * anything else the activity's own message. Cancellation and non-Temporal exceptions (bugs) are
   * not answers and propagate.
   */
  static String problem(RuntimeException failure) {
    if (failure instanceof CanceledFailure || !(failure instanceof TemporalFailure temporal)) {
      throw failure;
    }
    Throwable cause = temporal.getCause();
    if (cause instanceof TimeoutFailure timeout) {
      return "no answer: "
          + timeout
              .getTimeoutType()
              .name()
              .replace("TIMEOUT_TYPE_", "")
              .replace('_', ' ')
              .toLowerCase(Locale.ROOT)
          + " timeout";
    }
    return StepRecorder.rootMessage(temporal);
  }
}
