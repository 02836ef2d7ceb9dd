package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.StopPostgresInput.ShutdownMode;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * buildStandby: a node that streams (or, once started, streams) from the requested primary is only
 * brought up to date; any other node is replaced by a fresh base backup. rejoinAsStandby shares the
 * steps.
 */
final class StandbyBuild {

  /** How long a started standby may take to reach streaming before the status is returned. */
  static final long STREAMING_WAIT_MILLIS = 20_000;

  private static final long POLL_MILLIS = 200;

  private final PostgresNode node;

  StandbyBuild(PostgresNode node) {
    this.node = node;
  }

  PostgresNodeStatus run(BuildStandbyInput input) {
    StandbyTarget target = StandbyTarget.of(node, input);
    node.prepare();
    node.storePgPass(target.pgpass());
    if (!follows(target)) {
      rebuild(target);
      return awaitStreaming(target);
    }
    ConfigChange change = node.config().write(target.settings(), target.hba());
    try {
      node.run(change, target.passwords()).close();
    } catch (SQLException e) {
      throw node.sqlFailure("reconfiguring the standby", e);
    }
    PostgresNodeStatus status = awaitStreaming(target);
    if (status.streaming()) {
      return status;
    }
    // configured for this primary but cannot stream (its WAL may be gone): start over
    rebuild(target);
    return awaitStreaming(target);
  }

  /** Whether the disk already holds this cluster's standby of that primary. */
  boolean follows(StandbyTarget target) {
    return node.server().hasCluster()
        && node.server().standbySignalled()
        && node.storedClusterId().filter(target.clusterId()::equals).isPresent()
        && PostgresSettings.upstreamAddress(node.config().current())
            .filter(target.upstreamAddress()::equals)
            .isPresent();
  }

  /** Replaces the data directory with a fresh base backup of the primary and starts it. */
  void rebuild(StandbyTarget target) {
    node.server().stop(ShutdownMode.FAST);
    node.provisioner().baseBackup(target.upstream());
    startAsStandby(target);
  }

  /**
   * Makes the (stopped) data directory a standby of the target's primary: signal file, this node's
   * own managed files, and start.
   */
  void startAsStandby(StandbyTarget target) {
    node.files().write(node.layout().pgData().resolve("standby.signal"), "");
    node.config().write(target.settings(), target.hba());
    node.storeClusterId(target.clusterId());
    node.start();
  }

  /** Waits (bounded) until the WAL receiver streams from the target's primary; then the status. */
  PostgresNodeStatus awaitStreaming(StandbyTarget target) {
    PostgresSettings.Upstream upstream = target.upstream();
    long deadline = System.currentTimeMillis() + STREAMING_WAIT_MILLIS;
    try (Connection c = node.connect(target.passwords())) {
      while (System.currentTimeMillis() < deadline) {
        boolean streaming =
            PostgresAdmin.walReceiver(c)
                .filter(r -> r.streamsFrom(upstream.host(), upstream.port()))
                .isPresent();
        if (streaming) {
          break;
        }
        Thread.sleep(POLL_MILLIS);
      }
      return new PostgresStatusReader(node).read(c);
    } catch (SQLException e) {
      throw node.sqlFailure("checking the standby's replication", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED, "interrupted while waiting for the standby to stream");
    }
  }
}
