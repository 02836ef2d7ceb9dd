package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Activity options and waits of the failover, tighter than {@link ActivityPolicies}: while it runs
 * the cluster takes no writes (target: a killed primary to the first acknowledged write through
 * pgpool within 5 s), so every call on the way to the promotion must answer or give up within
 * seconds, retries come after fractions of a second, and a dead VM must count as "no answer" rather
 * than hold the workflow for minutes. None of this shortens a safety rule: the tolerance is the
 * input's, and a promotion still needs the fence proven.
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

  /**
   * Two quick attempts: one lost packet is not a verdict, and a third costs the cluster time. The
   * calls retried are sub-second queries (a pcp command may fail while pgpool handles its own
   * failover), so the retry comes after a quarter second, not the usual second.
   */
  static final RetryOptions QUICK_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(250))
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
   * The powered-off VM is normally proven at the first look (the power-off returns once the IaaS
   * reports it stopped); more looks absorb an IaaS whose describe call lags its stop (EC2 is
   * eventually consistent). Bounded: with the intervals below the looks span 7.75 s, long enough
   * for a lagging describe call, short enough that an unprovable fence reaches an operator within
   * seconds, with the standby still not promoted.
   */
  static final int FENCE_PROOF_LOOKS = 7;

  /**
   * The first look again comes soon: a lagging describe call usually catches up within a fraction
   * of a second, and the cluster has no primary until the proof holds.
   */
  static final Duration FENCE_PROOF_FIRST_INTERVAL = Duration.ofMillis(250);

  /** Doubling up to this, so a slow IaaS is not polled in a tight loop. */
  static final Duration FENCE_PROOF_MAX_INTERVAL = Duration.ofSeconds(2);

  /**
   * The wait before look {@code look} (2 or later) of the fence proof: 250 ms, 500 ms, 1 s, 2 s…
   */
  static Duration fenceProofInterval(int look) {
    if (look < 2) {
      throw new IllegalArgumentException("no wait before the first look, asked for look " + look);
    }
    long millis = FENCE_PROOF_FIRST_INTERVAL.toMillis() << Math.min(look - 2, 16);
    return Duration.ofMillis(Math.min(millis, FENCE_PROOF_MAX_INTERVAL.toMillis()));
  }

  /**
   * pg_promote replays what the standby received (at most the lag bound, 1 MiB by default) and
   * writes an end-of-recovery checkpoint: seconds; a minute allows a slow disk.
   */
  static final int PROMOTE_WAIT_SECONDS = 60;

  /**
   * Beyond pg_promote's own wait: starting a stopped standby first and the query's round trip. A
   * promote that hangs (its agent died mid-call) is given up after this, not after the host
   * default's hour, and retried.
   */
  static final Duration PROMOTE_MARGIN = Duration.ofSeconds(60);

  /**
   * Retries of the promotion: it is idempotent (a node already primary reports its status), and
   * until it succeeds the cluster has no primary, so retry soon and often, but give up after ten
   * attempts (about half a minute of waits) for an operator.
   */
  static final RetryOptions PROMOTE_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(250))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(5))
          .setMaximumAttempts(10)
          .setDoNotRetry(ActivityPolicies.TRANSIENT_RETRY.getDoNotRetry())
          .build();

  /**
   * Promoting the chosen standby on its VM. Its agent answered the choose step moments ago, so a
   * slow pickup means an agent restart: the host default's patience for that is kept.
   */
  static ActivityOptions promote(String taskQueue) {
    return ActivityPolicies.onHost(taskQueue).toBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(PROMOTE_WAIT_SECONDS).plus(PROMOTE_MARGIN))
        .setRetryOptions(PROMOTE_RETRY)
        .build();
  }
}
