package io.pgfleet.workflows.backup.schedule;

import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;

/** Activity options of the scheduled backup, each with the reason for its numbers. */
final class SchedulePolicies {

  private SchedulePolicies() {}

  /**
   * Waiting for the cluster's backup: a copy-mode backup of a large database takes up to 7 hours
   * (BackupWorkflow's own bound), plus time queued. The activity polls every few seconds and
   * heartbeats each poll, so a dead worker shows within the heartbeat timeout, and a retry finds
   * the same backup by its Update id.
   */
  static final ActivityOptions REQUEST_BACKUP =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(8))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setRetryOptions(ActivityPolicies.TRANSIENT_RETRY)
          .build();

  /** One catalog object or one snapshot deletion: quick calls. */
  static final ActivityOptions QUICK = ActivityPolicies.QUICK;

  /**
   * Pruning lists the stanza's archive and deletes 1000 keys per request: a busy cluster's day of
   * WAL (thousands of segments) takes seconds to a minute; a slow store gets room.
   */
  static final ActivityOptions PRUNE_WAL =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(ActivityPolicies.TRANSIENT_RETRY)
          .build();

  /**
   * pgBackRest expire of one copy-mode set on the primary: deletes the set's files from the
   * repository, like pruning thousands of keys for a large database. A retry finds the set gone.
   */
  static ActivityOptions expireSet(String primaryTaskQueue) {
    return ActivityOptions.newBuilder(PRUNE_WAL).setTaskQueue(primaryTaskQueue).build();
  }
}
