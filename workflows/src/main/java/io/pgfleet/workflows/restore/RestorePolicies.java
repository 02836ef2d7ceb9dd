package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;

/** Activity options of the restore, each with the reason for its numbers. */
final class RestorePolicies {

  private RestorePolicies() {}

  /** Catalog reads, the archive's coverage, BOSH's instance list, one volume's state. */
  static final ActivityOptions QUICK = ActivityPolicies.QUICK;

  /** Stopping, starting, attaching and deleting through BOSH: tasks that heartbeat while polled. */
  static final ActivityOptions BOSH_TASK = ActivityPolicies.BOSH_TASK;

  /**
   * A volume from a snapshot is available within minutes on EC2 (blocks load lazily); the local
   * cloud copies the snapshot inside the call, seconds per GiB. The adapter heartbeats while it
   * waits, so a dead worker shows after the heartbeat timeout.
   */
  static final ActivityOptions CREATE_VOLUME =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setRetryOptions(ActivityPolicies.TRANSIENT_RETRY)
          .build();

  /**
   * Replaying a day of WAL on a busy cluster takes hours; the agent heartbeats while PostgreSQL
   * recovers, so a dead VM or agent shows after the heartbeat timeout, not after hours.
   */
  private static final Duration RECOVERY = Duration.ofHours(12);

  private static final Duration RECOVERY_HEARTBEAT = Duration.ofMinutes(2);

  /** A base backup of a large restored primary onto the standby (the node agent bounds it). */
  private static final Duration BUILD_STANDBY = Duration.ofHours(6);

  /** Stop, start, prepareRestore, configureArchiving: seconds on a live agent. */
  static ActivityOptions host(String taskQueue) {
    return ActivityPolicies.onHost(taskQueue);
  }

  static ActivityOptions awaitRecovery(String taskQueue) {
    return ActivityOptions.newBuilder(host(taskQueue))
        .setStartToCloseTimeout(RECOVERY)
        .setHeartbeatTimeout(RECOVERY_HEARTBEAT)
        .build();
  }

  static ActivityOptions buildStandby(String taskQueue) {
    return ActivityOptions.newBuilder(host(taskQueue))
        .setStartToCloseTimeout(BUILD_STANDBY)
        .build();
  }

  /**
   * One pcp command on one pgpool: seconds. A pgpool that does not answer in a minute is left
   * behind and named; the others still route.
   */
  static ActivityOptions pgpool(String taskQueue) {
    return ActivityOptions.newBuilder(host(taskQueue))
        .setScheduleToStartTimeout(Duration.ofMinutes(1))
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .build();
  }
}
