package io.pgfleet.activities.postgres;

import io.pgfleet.workflows.verify.BackupSqlActivities;
import io.pgfleet.workflows.verify.RestoreCheck;
import io.pgfleet.workflows.verify.RestoreCheckInput;
import io.pgfleet.workflows.verify.SentinelInput;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@link BackupSqlActivities} over JDBC, run by the control-plane worker. The check heartbeats from
 * a side thread while it reads, because one large table can take longer to read than the heartbeat
 * timeout.
 */
public final class BackupSqlActivitiesImpl implements BackupSqlActivities {

  /**
   * Well inside the workflow's two-minute heartbeat timeout, even with a slow Temporal frontend.
   */
  static final long HEARTBEAT_SECONDS = 20;

  private final SqlConnector connector = new SqlConnector();
  private final SentinelWriter sentinels = new SentinelWriter(connector);

  @Override
  public void writeSentinel(SentinelInput input) {
    sentinels.write(input);
  }

  @Override
  public RestoreCheck checkRestored(RestoreCheckInput input) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "restore-check-heartbeat");
              t.setDaemon(true);
              return t;
            });
    try {
      ticker.scheduleAtFixedRate(
          () -> heartbeat(context), HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
      return new RestoredDataCheck(connector, () -> heartbeat(context)).check(input);
    } finally {
      ticker.shutdownNow();
    }
  }

  /**
   * A heartbeat that cannot be sent (cancelled, server away) is the activity timeout's business.
   */
  private static void heartbeat(ActivityExecutionContext context) {
    try {
      context.heartbeat(null);
    } catch (RuntimeException ignored) {
      // The next read or the start-to-close timeout ends the attempt.
    }
  }
}
