package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;

/** Activity options of the backup, each with the reason for its numbers. */
final class BackupPolicies {

  private BackupPolicies() {}

  /** A live node agent takes a task within seconds; longer means the VM or its agent is down. */
  private static final Duration AGENT_PICKUP = Duration.ofMinutes(2);

  /**
   * pg_backup_stop waits until the last WAL segment of the backup is archived; the agent gives up
   * after 10 minutes (a stuck archive), so this only bounds a hung agent.
   */
  private static final Duration STOP_BACKUP = Duration.ofMinutes(15);

  /**
   * A pgBackRest copy of a large database at ~100 MB/s takes hours; the command's own timeout on
   * the agent is shorter, so this only bounds a hung agent.
   */
  private static final Duration PGBACKREST_BACKUP = Duration.ofHours(7);

  /** Status reads, pg_backup_start (a fast checkpoint: seconds), closing a session. */
  static ActivityOptions host(String taskQueue) {
    return ActivityPolicies.onHost(taskQueue);
  }

  static ActivityOptions stopBackup(String taskQueue) {
    return ActivityOptions.newBuilder(host(taskQueue)).setStartToCloseTimeout(STOP_BACKUP).build();
  }

  static ActivityOptions pgBackRestBackup(String taskQueue) {
    return ActivityOptions.newBuilder(host(taskQueue))
        .setScheduleToStartTimeout(AGENT_PICKUP)
        .setStartToCloseTimeout(PGBACKREST_BACKUP)
        .build();
  }

  /**
   * CreateSnapshot returns at once on EC2; the local cloud copies the disk inside the request
   * (seconds per GiB), so the call gets the room a large local disk needs.
   */
  static final ActivityOptions CREATE_SNAPSHOT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setRetryOptions(ActivityPolicies.TRANSIENT_RETRY)
          .build();

  /**
   * A first snapshot of a large EBS volume takes hours; each attempt of the adapter waits 30
   * minutes, heartbeating every poll, and the next attempt waits on.
   */
  static final ActivityOptions AWAIT_SNAPSHOT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(35))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setRetryOptions(ActivityPolicies.TRANSIENT_RETRY)
          .build();

  /** Deleting a snapshot, reading BOSH's instances, one S3 object: quick calls. */
  static final ActivityOptions QUICK = ActivityPolicies.QUICK;
}
