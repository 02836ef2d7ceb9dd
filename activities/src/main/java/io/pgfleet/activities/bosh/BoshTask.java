package io.pgfleet.activities.bosh;

import java.util.Set;

/**
 * {@code GET /tasks/:id}. Nullable: {@code timestamp} (until finished), {@code startedAt}, {@code
 * result}, {@code deployment}, {@code contextId}.
 *
 * @param state queued, processing, cancelling (running); done, error, cancelled, timeout (final)
 * @param result short, possibly truncated, result text: "/deployments/pg-1", or the error
 */
public record BoshTask(
    long id,
    String state,
    String description,
    Long timestamp,
    Long startedAt,
    String result,
    String user,
    String deployment,
    String contextId) {

  private static final Set<String> FINAL_STATES = Set.of("done", "error", "cancelled", "timeout");

  /** BOSH's text when a task could not take the deployment lock within its 10 s wait. */
  static final String LOCK_FAILURE = "Failed to acquire lock for lock:deployment:";

  public boolean isFinished() {
    return FINAL_STATES.contains(state);
  }

  /** Only {@code done} is success. */
  public boolean isSucceeded() {
    return "done".equals(state);
  }

  public boolean isFailed() {
    return isFinished() && !isSucceeded();
  }

  /** A failed task whose result says another task held the deployment lock. */
  public boolean isLockFailure() {
    return isFailed() && isLockFailure(result);
  }

  static boolean isLockFailure(String message) {
    return message != null && message.contains(LOCK_FAILURE);
  }
}
