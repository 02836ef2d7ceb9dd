package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Activity options of the failover, tighter than {@link ActivityPolicies}: while it runs the
 * cluster takes no writes, so every call on the way to the promotion must answer or give up within
 * seconds, and a dead VM must count as "no answer" rather than hold the workflow for minutes.
 */
final class FailoverPolicies {

  private FailoverPolicies() {}

  /** A live node agent long-polls its queue and takes a task within milliseconds. */
  static final Duration AGENT_PICKUP = Duration.ofSeconds(5);

  /**
   * How long the control plane's probe may wait for a node: a healthy one answers in milliseconds,
   * a frozen one (SIGSTOP, a hung disk) never does and must not hold the confirmation.
   */
  static final long PROBE_TIMEOUT_MILLIS = 2_000;

  /** Two quick attempts: one lost packet is not a verdict, and a third costs the cluster time. */
  static final RetryOptions QUICK_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(500))
          .setBackoffCoefficient(2.0)
          .setMaximumAttempts(2)
          .setDoNotRetry(ActivityPolicies.TRANSIENT_RETRY.getDoNotRetry())
          .build();

  /** A node's own view (pgpool's SHOW POOL_NODES, the standby's status): one short query. */
  static ActivityOptions nodeView(String taskQueue) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setScheduleToStartTimeout(AGENT_PICKUP)
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(QUICK_RETRY)
        .build();
  }

  /**
   * Re-routing one pgpool (pcp commands or a reload): seconds; a pgpool VM that does not take the
   * task is left behind (the others route) instead of delaying the end of the failover.
   */
  static ActivityOptions pgpoolCommand(String taskQueue) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setScheduleToStartTimeout(AGENT_PICKUP)
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(QUICK_RETRY)
        .build();
  }

  /** The control plane's probe: the probe's own timeout plus room for the JDBC driver. */
  static final ActivityOptions PROBE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMillis(PROBE_TIMEOUT_MILLIS).plusSeconds(8))
          .setRetryOptions(QUICK_RETRY)
          .build();

  /** Reading BOSH's instance list (the VM to fence) or a VM's power state: one API call. */
  static final ActivityOptions LOOKUP =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder(QUICK_RETRY).setMaximumAttempts(3).build())
          .build();

  /**
   * STONITH through the IaaS: a forced stop takes seconds to a minute on EC2, and the adapter
   * heartbeats while it waits. Three attempts, then BOSH's hard stop is the second way to fence:
   * every minute spent here is a minute without a primary.
   */
  static final ActivityOptions FENCE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(3))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder(ActivityPolicies.TRANSIENT_RETRY)
                  .setMaximumAttempts(3)
                  .build())
          .build();

  /**
   * The powered-off VM is normally proven at the first look; a few more absorb an IaaS whose
   * describe call lags its stop (EC2 is eventually consistent). Bounded, so an unprovable fence
   * reaches an operator within seconds, with the standby still not promoted.
   */
  static final int FENCE_PROOF_LOOKS = 5;

  static final Duration FENCE_PROOF_INTERVAL = Duration.ofSeconds(2);

  /**
   * pg_promote replays what the standby received (at most the lag bound, 1 MiB by default) and
   * writes an end-of-recovery checkpoint: seconds; a minute allows a slow disk.
   */
  static final int PROMOTE_WAIT_SECONDS = 60;
}
