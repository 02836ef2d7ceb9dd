package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;

/**
 * Waits of the rolling update, each with its reason; activity options come from ActivityPolicies.
 */
final class RollingUpdatePolicies {

  private RollingUpdatePolicies() {}

  /**
   * pgpool health and streaming-replication checks run every few seconds; a freshly started pgpool
   * finds its primary within two or three of them, and its watchdog its peers within a few
   * heartbeats. A minute (for both together) means it will not.
   */
  static final int ROUTE_WAIT_SECONDS = 60;

  /**
   * A restarted standby replays what it missed while it was down (seconds of WAL on a busy
   * cluster); a minute beyond the agent's own streaming wait before the update stops.
   */
  static final int CATCH_UP_WAIT_SECONDS = 60;

  /** Between two looks at a node that is coming back: cheap calls, one history event each. */
  static final Duration POLL = Duration.ofSeconds(1);

  /** One node agent: a stop, a configuration, a status (the agent answers within seconds). */
  static ActivityOptions host(String taskQueue) {
    return ActivityPolicies.onHost(taskQueue);
  }
}
