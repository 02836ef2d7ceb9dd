package io.pgfleet.workflows.rollout;

import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;

/** Timing of a rollout, each with the reason for its number. */
final class RolloutPolicies {

  private RolloutPolicies() {}

  /** Sending an Update, reading a cluster: quick calls to the control plane. */
  static final ActivityOptions FLEET = ActivityPolicies.QUICK;

  /**
   * Listing the fleet reads every cluster's view (milliseconds each): thousands of clusters take
   * minutes, so the activity heartbeats per cluster.
   */
  static final ActivityOptions MEMBERS =
      ActivityOptions.newBuilder(ActivityPolicies.QUICK)
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .build();

  /**
   * A cluster's rolling update takes minutes (five VMs, one at a time); polling twice a minute
   * notices the end soon enough and keeps the history small.
   */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(30);

  /** A busy cluster (backing up, failing over) is usually free again within minutes. */
  static final Duration BUSY_RETRY_DELAY = Duration.ofMinutes(5);

  /** After three busy answers the cluster counts as failed: something keeps it occupied. */
  static final int MAX_BUSY_ATTEMPTS = 3;

  /** A failure ratio over fewer finished clusters says little; canaries guard the start. */
  static final int FAILURE_RATIO_MIN_SAMPLE = 5;

  /** Recent failures kept in progress (the cluster operations keep the details). */
  static final int FAILURES_KEPT = 50;

  /**
   * Clusters started per run before continuing as new: each costs a handful of events (start,
   * polls), so a few hundred keep a run far below the history limits.
   */
  static final int CLUSTERS_PER_RUN = 200;
}
