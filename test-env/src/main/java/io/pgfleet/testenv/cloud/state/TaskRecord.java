package io.pgfleet.testenv.cloud.state;

import java.util.Set;

/**
 * One Director task as {@code GET /tasks/:id} shows it, plus what it runs.
 *
 * @param timestamp seconds since the epoch when the task finished; null while it runs
 * @param startedAt seconds since the epoch when a worker picked it up; null while queued
 * @param contextId the request's X-Bosh-Context-Id, "" when none was sent
 */
public record TaskRecord(
    long id,
    String state,
    String description,
    Long timestamp,
    Long startedAt,
    String result,
    String user,
    String deployment,
    String contextId,
    JobSpec spec) {

  public static final String QUEUED = "queued";
  public static final String PROCESSING = "processing";
  public static final String CANCELLING = "cancelling";
  public static final String DONE = "done";
  public static final String ERROR = "error";
  public static final String CANCELLED = "cancelled";

  private static final Set<String> RUNNING = Set.of(QUEUED, PROCESSING, CANCELLING);

  public boolean isRunning() {
    return RUNNING.contains(state);
  }

  /** BOSH cancels only what is queued or processing. */
  public boolean isCancellable() {
    return QUEUED.equals(state) || PROCESSING.equals(state);
  }

  public TaskRecord withState(String newState) {
    return new TaskRecord(
        id, newState, description, timestamp, startedAt, result, user, deployment, contextId, spec);
  }

  public TaskRecord started(long nowSeconds) {
    return new TaskRecord(
        id,
        PROCESSING,
        description,
        timestamp,
        nowSeconds,
        result,
        user,
        deployment,
        contextId,
        spec);
  }

  public TaskRecord finished(String finalState, String resultText, long nowSeconds) {
    return new TaskRecord(
        id,
        finalState,
        description,
        nowSeconds,
        startedAt,
        resultText,
        user,
        deployment,
        contextId,
        spec);
  }
}
