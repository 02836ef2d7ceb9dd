package io.pgfleet.testenv.cloud.task;

/** The work of one Director task. */
@FunctionalInterface
public interface TaskJob {

  /**
   * Does the work; returns the task's short result text (e.g. "/deployments/pg-1"), or null for
   * none. A {@link io.pgfleet.testenv.cloud.DirectorError} ends the task {@code error} with its
   * code; any other exception with code 100.
   */
  String perform(TaskContext context) throws Exception;
}
