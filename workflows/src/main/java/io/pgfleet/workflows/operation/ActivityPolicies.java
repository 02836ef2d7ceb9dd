package io.pgfleet.workflows.operation;

import io.pgfleet.workflows.FailureType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Named activity options, one per kind of work, each with the reason for its numbers. Workflows
 * take these instead of building options inline.
 */
public final class ActivityPolicies {

  private ActivityPolicies() {}

  /** Transient faults (network, a busy Director) clear within seconds; give up after minutes. */
  public static final RetryOptions TRANSIENT_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(30))
          .setMaximumAttempts(10)
          .setDoNotRetry(nonRetryableTypes())
          .build();

  /**
   * BOSH tasks: a deploy of five VMs takes minutes on a real IaaS; the activity heartbeats every
   * poll, so a dead worker is noticed after the heartbeat timeout, not the start-to-close one.
   */
  public static final ActivityOptions BOSH_TASK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(2))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setRetryOptions(TRANSIENT_RETRY)
          .build();

  /** Rendering a manifest or reading the Director: quick calls. */
  public static final ActivityOptions QUICK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(TRANSIENT_RETRY)
          .build();

  /** SQL over the network to a cluster: seconds, except waiting for a standby to replay. */
  public static final ActivityOptions SQL =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(TRANSIENT_RETRY)
          .build();

  /**
   * Alerts are best effort: a webhook or SMTP exchange takes seconds; a few attempts ride out a
   * blip, and schedule-to-close bounds the whole delivery (also when no worker offers the activity)
   * so the workflow that sends it is held for two minutes at most, then logs the loss.
   */
  public static final ActivityOptions ALERT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(20))
                  .setMaximumAttempts(4)
                  .setDoNotRetry(nonRetryableTypes())
                  .build())
          .build();

  /**
   * Host activities on a VM's own task queue. Schedule-to-start bounds how long we wait for the
   * VM's agent to pick the task up: a dead VM surfaces as that timeout instead of a hang (never
   * retried by Temporal, so the workflow decides). Start-to-close covers a base backup of a large
   * disk.
   */
  public static ActivityOptions onHost(String taskQueue) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setScheduleToStartTimeout(Duration.ofMinutes(2))
        .setStartToCloseTimeout(Duration.ofHours(1))
        .setRetryOptions(TRANSIENT_RETRY)
        .build();
  }

  private static String[] nonRetryableTypes() {
    return java.util.Arrays.stream(FailureType.values())
        .filter(t -> !t.retryable())
        .map(Enum::name)
        .toArray(String[]::new);
  }
}
