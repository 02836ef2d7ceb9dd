package io.pgfleet.workflows.backup.schedule;

/** Ids of a cluster's Schedules and of the workflows they start, in one place. */
public final class BackupScheduleNaming {

  private BackupScheduleNaming() {}

  /** The Schedule that backs the cluster up (and applies retention after each backup). */
  public static String backupScheduleId(String clusterId) {
    return "backup/" + clusterId;
  }

  /** The Schedule that verifies the cluster's newest backup. */
  public static String verifyScheduleId(String clusterId) {
    return "verify/" + clusterId;
  }

  /** The backup Schedule's workflow id; Temporal appends each run's scheduled time to it. */
  public static String scheduledBackupWorkflowId(String clusterId) {
    return backupScheduleId(clusterId) + "/scheduled";
  }

  /** The verify Schedule's workflow id; Temporal appends each run's scheduled time to it. */
  public static String scheduledVerifyWorkflowId(String clusterId) {
    return verifyScheduleId(clusterId) + "/scheduled";
  }
}
