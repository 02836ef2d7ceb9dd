package io.pgfleet.testenv.cloud.task;

/** Thrown at a checkpoint of a task someone cancelled; the task ends {@code cancelled}. */
public final class TaskCancelledException extends RuntimeException {
  public TaskCancelledException(long taskId) {
    super("Task " + taskId + " cancelled");
  }
}
