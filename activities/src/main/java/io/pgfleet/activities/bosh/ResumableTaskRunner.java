package io.pgfleet.activities.bosh;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task-starting call inside an activity so that a retry never starts a second task: it
 * resumes the task named in the heartbeat details, else the newest task with the same context id,
 * else submits. A task that failed on the deployment lock changed nothing, so it is not resumed
 * (that would fail forever); a new one is submitted instead.
 */
final class ResumableTaskRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ResumableTaskRunner.class);

  /** Director error code for an unknown task id. */
  private static final int TASK_NOT_FOUND = 10000;

  private final BoshDirector director;
  private final BoshTaskWaiter waiter;

  ResumableTaskRunner(BoshDirector director, BoshTaskWaiter waiter) {
    this.director = director;
    this.waiter = waiter;
  }

  BoshTask run(String what, String deployment, String contextId, LongSupplier submit) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    TaskProgress start =
        resumePoint(ctx, what, deployment, contextId)
            .orElseGet(() -> submitted(what, submit.getAsLong()));
    // Record the id at once: an attempt that dies before its first poll still leaves it behind.
    ctx.heartbeat(start);
    try {
      return waiter.await(
          start.taskId(),
          start.eventOffset(),
          (taskId, offset) -> ctx.heartbeat(new TaskProgress(taskId, offset)));
    } catch (ActivityCanceledException e) {
      cancelQuietly(start.taskId());
      throw e;
    }
  }

  private Optional<TaskProgress> resumePoint(
      ActivityExecutionContext ctx, String what, String deployment, String contextId) {
    Optional<TaskProgress> beat = ctx.getHeartbeatDetails(TaskProgress.class);
    if (beat.isPresent() && isResumable(beat.get().taskId())) {
      LOG.info("{}: resuming BOSH task {} from the last heartbeat", what, beat.get().taskId());
      return beat;
    }
    Optional<BoshTask> previous =
        director.tasksByContextId(contextId, deployment).stream()
            .max(Comparator.comparingLong(BoshTask::id));
    if (previous.isPresent() && !previous.get().isLockFailure()) {
      LOG.info(
          "{}: resuming BOSH task {} found by context id {}", what, previous.get().id(), contextId);
      return Optional.of(new TaskProgress(previous.get().id(), 0));
    }
    return Optional.empty();
  }

  private boolean isResumable(long taskId) {
    try {
      return !director.task(taskId).isLockFailure();
    } catch (BoshApiException e) {
      if (e.hasCode(TASK_NOT_FOUND)) {
        return false;
      }
      throw e;
    }
  }

  private static TaskProgress submitted(String what, long taskId) {
    LOG.info("{}: submitted BOSH task {}", what, taskId);
    return new TaskProgress(taskId, 0);
  }

  private void cancelQuietly(long taskId) {
    try {
      director.cancelTask(taskId);
      LOG.info("activity cancelled: asked BOSH to cancel task {}", taskId);
    } catch (BoshException e) {
      LOG.warn(
          "activity cancelled but BOSH task {} could not be cancelled: {}", taskId, e.getMessage());
    }
  }
}
