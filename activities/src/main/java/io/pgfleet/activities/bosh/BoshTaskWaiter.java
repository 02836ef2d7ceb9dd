package io.pgfleet.activities.bosh;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a task to its end: each pass reads the task, then the event-log bytes added since the
 * last pass (so the log is complete once the task is), tells the listener, and sleeps.
 */
public final class BoshTaskWaiter {

  private static final Logger LOG = LoggerFactory.getLogger(BoshTaskWaiter.class);

  /** Ride out a Director restart or a dropped connection; give up on a lasting outage. */
  static final int MAX_CONSECUTIVE_POLL_FAILURES = 3;

  /** No task pgfleet starts runs for a day; normally the activity's timeouts end a wait first. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofHours(24);

  private final BoshDirector director;
  private final Duration pollInterval;
  private final Duration maxWait;

  public BoshTaskWaiter(BoshDirector director, Duration pollInterval) {
    this(director, pollInterval, DEFAULT_MAX_WAIT);
  }

  public BoshTaskWaiter(BoshDirector director, Duration pollInterval, Duration maxWait) {
    this.director = director;
    this.pollInterval = pollInterval;
    this.maxWait = maxWait;
  }

  /**
   * Waits until the task is final and returns it when {@code done}.
   *
   * @param fromOffset event-log bytes already seen (from an earlier wait), else 0
   * @throws BoshTaskFailedException the task ended in error, cancelled or timeout
   * @throws BoshUnavailableException the Director stayed unreachable, or the task outlived maxWait
   */
  public BoshTask await(long taskId, long fromOffset, TaskProgressListener progress) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    long offset = fromOffset;
    BoshEvent lastError = null;
    int failures = 0;
    while (true) {
      BoshTask task = null;
      try {
        task = director.task(taskId);
        TaskEvents events = director.taskEvents(taskId, offset);
        offset = events.nextOffset();
        lastError = log(taskId, events, lastError);
        failures = 0;
      } catch (BoshUnavailableException e) {
        if (++failures >= MAX_CONSECUTIVE_POLL_FAILURES) {
          throw e;
        }
        LOG.warn(
            "polling BOSH task {} failed ({} in a row), retrying: {}",
            taskId,
            failures,
            e.getMessage());
      }
      if (task != null) {
        progress.onProgress(taskId, offset);
        if (task.isSucceeded()) {
          return task;
        }
        if (task.isFinished()) {
          throw new BoshTaskFailedException(
              task, lastError != null ? lastError : earlierError(taskId, fromOffset));
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new BoshUnavailableException(
            "BOSH task " + taskId + " still running after " + maxWait + "; giving up waiting");
      }
      sleep(taskId);
    }
  }

  private static BoshEvent log(long taskId, TaskEvents events, BoshEvent lastError) {
    for (BoshEvent event : events.events()) {
      if (event.isWarning()) {
        LOG.warn("BOSH task {} warning: {}", taskId, event.message());
      } else if (event.errorMessage() != null) {
        LOG.info("BOSH task {} error in {}: {}", taskId, event.task(), event.errorMessage());
      }
    }
    BoshEvent latest = events.lastError();
    return latest != null ? latest : lastError;
  }

  /** A resumed wait may have skipped the error line: read the log from the start once. */
  private BoshEvent earlierError(long taskId, long fromOffset) {
    if (fromOffset == 0) {
      return null;
    }
    try {
      return director.taskEvents(taskId, 0).lastError();
    } catch (BoshException e) {
      LOG.warn("cannot re-read the event log of failed BOSH task {}: {}", taskId, e.getMessage());
      return null;
    }
  }

  private void sleep(long taskId) {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BoshUnavailableException("interrupted while waiting for BOSH task " + taskId, e);
    }
  }
}
