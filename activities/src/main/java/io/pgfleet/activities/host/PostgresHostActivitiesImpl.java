package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.pgfleet.workflows.host.StopPostgresInput.ShutdownMode;

/**
 * PostgreSQL 15 on this VM: data directory {@code <storeDir>/postgres}, sockets in {@code
 * <dataDir>/sock}, log {@code <dataDir>/sys/log/postgres.log}, pid file {@code
 * <dataDir>/sys/run/postgres.pid} while it should run. Changes are serialized per VM; status reads
 * run alongside them.
 */
public final class PostgresHostActivitiesImpl implements PostgresHostActivities {

  private final PostgresNode node;

  public PostgresHostActivitiesImpl(HostEnvironment env) {
    this.node = new PostgresNode(env);
  }

  @Override
  public synchronized PostgresNodeStatus bootstrapPrimary(BootstrapPrimaryInput input) {
    return new PrimaryBootstrap(node).run(input);
  }

  @Override
  public synchronized PostgresNodeStatus buildStandby(BuildStandbyInput input) {
    return new StandbyBuild(node).run(input);
  }

  @Override
  public synchronized PostgresNodeStatus start() {
    node.prepare();
    if (!node.server().hasCluster()) {
      throw node.conflict(
          "no PostgreSQL cluster on the disk of "
              + node.env().address()
              + " ("
              + node.layout().pgData()
              + "); bootstrap a primary or build a standby first");
    }
    node.start();
    return status();
  }

  @Override
  public synchronized PostgresNodeStatus stop(StopPostgresInput input) {
    ShutdownMode mode = input == null || input.mode() == null ? ShutdownMode.FAST : input.mode();
    node.server().stop(mode);
    return status();
  }

  @Override
  public PostgresNodeStatus status() {
    return new PostgresStatusReader(node).read();
  }
}
