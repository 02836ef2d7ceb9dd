package io.pgfleet.workflows.switchover;

import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Activity options of the switchover. From the hold on writes to the re-route the cluster takes no
 * writes, so those calls answer or give up within seconds and the workflow rolls back; the steps
 * before (check, checkpoint) and after (rejoin) may be patient.
 */
final class SwitchoverPolicies {

  private SwitchoverPolicies() {}

  /** A live node agent long-polls its queue and takes a task within milliseconds. */
  static final Duration AGENT_PICKUP = Duration.ofSeconds(5);

  /**
   * The standby was within the lag bound (1 MiB by default) at the check: it replays that in well
   * under a second. Ten seconds allow a slow disk; beyond that writes were held too long already,
   * and the switchover rolls back.
   */
  static final int CATCH_UP_WAIT_SECONDS = 10;

  /**
   * pg_promote of a standby that replayed everything: an end-of-recovery checkpoint, well under a
   * second on a healthy disk; a minute before the operator is needed.
   */
  static final int PROMOTE_WAIT_SECONDS = 60;

  /** Room beyond an activity's own wait for its agent's queries and process starts. */
  private static final Duration MARGIN = Duration.ofSeconds(30);

  /**
   * Two quick attempts: a lost packet is not a verdict, and every retry is write gap. Failures
   * typed non-retryable (a standby that did not catch up) are not retried.
   */
  static final RetryOptions QUICK_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(250))
          .setBackoffCoefficient(2.0)
          .setMaximumAttempts(2)
          .setDoNotRetry(ActivityPolicies.TRANSIENT_RETRY.getDoNotRetry())
          .build();

  /** One node's status or one quick SQL change (hold, release): one round trip. */
  static ActivityOptions quick(String taskQueue) {
    return onWritePath(taskQueue, Duration.ofSeconds(20));
  }

  /** Waiting for the standby's WAL: the wait itself plus the margin. */
  static ActivityOptions awaitWal(String taskQueue) {
    return onWritePath(taskQueue, Duration.ofSeconds(CATCH_UP_WAIT_SECONDS).plus(MARGIN));
  }

  /** The fast shutdown (the agent's own bound is 30 s) and pg_controldata. */
  static ActivityOptions stop(String taskQueue) {
    return onWritePath(taskQueue, Duration.ofSeconds(30).plus(MARGIN));
  }

  static ActivityOptions promote(String taskQueue) {
    return onWritePath(taskQueue, Duration.ofSeconds(PROMOTE_WAIT_SECONDS).plus(MARGIN));
  }

  /** A pcp command or reload on one pgpool; one that does not answer is left behind. */
  static ActivityOptions pgpool(String taskQueue) {
    return onWritePath(taskQueue, Duration.ofSeconds(30));
  }

  /**
   * The checkpoint of the prepare step writes every dirty buffer at full speed: minutes on a large
   * busy server, and writes still flow meanwhile.
   */
  static ActivityOptions checkpoint(String taskQueue) {
    return ActivityPolicies.onHost(taskQueue).toBuilder()
        .setScheduleToStartTimeout(AGENT_PICKUP)
        .setStartToCloseTimeout(Duration.ofMinutes(30))
        .build();
  }

  private static ActivityOptions onWritePath(String taskQueue, Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setScheduleToStartTimeout(AGENT_PICKUP)
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(QUICK_RETRY)
        .build();
  }
}
