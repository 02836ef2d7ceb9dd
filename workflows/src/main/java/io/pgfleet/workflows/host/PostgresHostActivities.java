package io.pgfleet.workflows.host;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * PostgreSQL on one VM, run by that VM's node agent. Every method is idempotent: calling it again
 * after success changes nothing and returns the same status, so a retried activity is always safe.
 */
@ActivityInterface
public interface PostgresHostActivities {

  /** initdb (only when the disk holds no cluster), write configuration, start as primary. */
  @ActivityMethod(name = "PostgresHost.bootstrapPrimary")
  PostgresNodeStatus bootstrapPrimary(BootstrapPrimaryInput input);

  /**
   * Make this node a streaming standby of {@code input.primaryHost()}: a base backup with a
   * replication slot, then start. A node already streaming from that primary is left alone.
   */
  @ActivityMethod(name = "PostgresHost.buildStandby")
  PostgresNodeStatus buildStandby(BuildStandbyInput input);

  /** Start PostgreSQL with the configuration already on disk; running already is success. */
  @ActivityMethod(name = "PostgresHost.start")
  PostgresNodeStatus start();

  /** Stop PostgreSQL; stopped already is success. */
  @ActivityMethod(name = "PostgresHost.stop")
  PostgresNodeStatus stop(StopPostgresInput input);

  /** Role, WAL positions, replication and connection figures as seen on this node. */
  @ActivityMethod(name = "PostgresHost.status")
  PostgresNodeStatus status();
}
