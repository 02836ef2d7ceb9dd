package io.pgfleet.workers.controlplane;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pgfleet.workflows.backup.BackupScheduleActivities;
import io.pgfleet.workflows.backup.BackupSchedulePolicy;
import io.pgfleet.workflows.backup.schedule.BackupScheduleNaming;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BackupScheduleActivities} on Temporal Schedules: {@code backup/<clusterId>} and {@code
 * verify/<clusterId>}. Create-or-update and delete-if-present, so both are idempotent.
 */
public final class TemporalBackupSchedules implements BackupScheduleActivities {

  private static final Logger LOG = LoggerFactory.getLogger(TemporalBackupSchedules.class);

  private final ScheduleClient schedules;

  public TemporalBackupSchedules(ScheduleClient schedules) {
    this.schedules = schedules;
  }

  @Override
  public void ensure(BackupSchedulePolicy policy) {
    BackupSchedules.check(policy);
    upsert(
        BackupScheduleNaming.backupScheduleId(policy.clusterId()), BackupSchedules.backup(policy));
    upsert(
        BackupScheduleNaming.verifyScheduleId(policy.clusterId()), BackupSchedules.verify(policy));
    LOG.info("backup schedules of cluster {} follow {}", policy.clusterId(), policy);
  }

  @Override
  public void remove(String clusterId) {
    delete(BackupScheduleNaming.backupScheduleId(clusterId));
    delete(BackupScheduleNaming.verifyScheduleId(clusterId));
  }

  /** An update keeps the schedule's state, so a schedule an operator paused stays paused. */
  private void upsert(String scheduleId, Schedule desired) {
    try {
      schedules.createSchedule(scheduleId, desired, ScheduleOptions.newBuilder().build());
    } catch (ScheduleAlreadyRunningException exists) {
      schedules
          .getHandle(scheduleId)
          .update(
              current ->
                  new ScheduleUpdate(
                      Schedule.newBuilder(desired)
                          .setState(current.getDescription().getSchedule().getState())
                          .build()));
    }
  }

  private void delete(String scheduleId) {
    try {
      schedules.getHandle(scheduleId).delete();
      LOG.info("deleted schedule {}", scheduleId);
    } catch (ScheduleException e) {
      if (!notFound(e)) {
        throw e;
      }
    }
  }

  private static boolean notFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }
}
