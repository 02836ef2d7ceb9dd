package io.pgfleet.workflows.host;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** pgpool-II on one pgpool VM, run by that VM's node agent. Every method is idempotent. */
@ActivityInterface
public interface PgpoolHostActivities {

  /**
   * Write pgpool's configuration for the given backends and start it, or reload it when it runs
   * with another configuration. Unchanged configuration on a running pgpool changes nothing.
   */
  @ActivityMethod(name = "PgpoolHost.configure")
  PgpoolNodeStatus configure(ConfigurePgpoolInput input);

  /** Stop pgpool; stopped already is success. */
  @ActivityMethod(name = "PgpoolHost.stop")
  PgpoolNodeStatus stop();

  /** Whether pgpool runs, and each backend's status and role as pgpool sees them. */
  @ActivityMethod(name = "PgpoolHost.status")
  PgpoolNodeStatus status();

  /**
   * Send writes to {@code input.primaryBackendId()}: detach the backends listed as down and make
   * pgpool treat the given backend as primary (pcp commands, or reconfigure and reload). A pgpool
   * that already routes that way is left alone.
   */
  @ActivityMethod(name = "PgpoolHost.reroute")
  PgpoolNodeStatus reroute(RerouteInput input);

  /** Attach a backend again (after it rejoined as a standby); attached already is success. */
  @ActivityMethod(name = "PgpoolHost.attachBackend")
  PgpoolNodeStatus attachBackend(int backendId);

  /**
   * A planned switchover's re-route, once the new primary is promoted and the old one stopped: make
   * pgpool treat the given backend as primary at once (pcp_promote_node, which also marks the
   * others down and runs no failover_command), without waiting for pgpool's own primary search.
   * Routed already (the given backend primary, the listed ones down) is success.
   */
  @ActivityMethod(name = "PgpoolHost.switchPrimary")
  PgpoolNodeStatus switchPrimary(RerouteInput input);

  /**
   * The watchdog as this pgpool sees it: peers alive, quorum, leader. Never fails for a stopped
   * pgpool (the answer says so); a pgpool without watchdog answers {@code enabled=false}.
   */
  @ActivityMethod(name = "PgpoolHost.watchdog")
  PgpoolWatchdogStatus watchdog();
}
