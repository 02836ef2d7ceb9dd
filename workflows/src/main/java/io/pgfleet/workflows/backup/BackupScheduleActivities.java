package io.pgfleet.workflows.backup;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The Temporal Schedules of a cluster's backups and verifications (run by the control-plane worker,
 * which holds a client). Both methods are idempotent.
 */
@ActivityInterface
public interface BackupScheduleActivities {

  /** Creates the cluster's schedules, or updates them to the policy when they exist. */
  @ActivityMethod(name = "BackupSchedules.ensure")
  void ensure(BackupSchedulePolicy policy);

  /** Deletes the cluster's schedules; schedules that do not exist count as deleted. */
  @ActivityMethod(name = "BackupSchedules.remove")
  void remove(String clusterId);
}
