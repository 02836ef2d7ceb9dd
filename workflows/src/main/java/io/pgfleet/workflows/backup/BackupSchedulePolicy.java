package io.pgfleet.workflows.backup;

/**
 * When a cluster is backed up and verified, and how long backups are kept.
 *
 * @param intervalSeconds time between scheduled backups
 * @param jitterSeconds random delay per run, so a fleet's backups don't all start at once
 * @param retainBackups completed backups kept; older ones (snapshots, catalog entries, WAL only
 *     they needed) are pruned after each scheduled backup
 * @param verifyIntervalSeconds time between scheduled verifications of the newest backup
 */
public record BackupSchedulePolicy(
    String clusterId,
    long intervalSeconds,
    long jitterSeconds,
    int retainBackups,
    long verifyIntervalSeconds) {

  private static final long DAY_SECONDS = 24 * 60 * 60;

  /** Daily backups with up to 30 minutes of jitter, a week of them kept, verified weekly. */
  public static BackupSchedulePolicy defaults(String clusterId) {
    return new BackupSchedulePolicy(clusterId, DAY_SECONDS, 30 * 60, 7, 7 * DAY_SECONDS);
  }
}
