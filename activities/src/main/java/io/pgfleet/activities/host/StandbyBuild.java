package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.StopPostgresInput.ShutdownMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * buildStandby: a node that streams (or, once started, streams) from the requested primary is only
 * brought up to date; any other node is replaced by a fresh base backup.
 */
final class StandbyBuild {

  /** How long a started standby may take to reach streaming before the status is returned. */
  static final long STREAMING_WAIT_MILLIS = 20_000;

  private static final long POLL_MILLIS = 200;
  private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

  private final PostgresNode node;

  StandbyBuild(PostgresNode node) {
    this.node = node;
  }

  PostgresNodeStatus run(BuildStandbyInput input) {
    String clusterId = InputChecks.required(input.clusterId(), "cluster id");
    PgPass pgpass = PgPass.from(input.credentials());
    PostgresSettings.Upstream upstream =
        new PostgresSettings.Upstream(
            InputChecks.host(input.primaryHost(), "primary host"),
            InputChecks.port(input.primaryPort(), "primary port"),
            slotName(input.slotName()),
            pgpass.replicationUser());
    if (upstream.host().equals(node.env().address())
        && upstream.port() == node.env().postgresPort()) {
      // a base backup starts by emptying the data directory: never point a node at itself
      throw InputChecks.invalid(
          "PostgreSQL on " + node.env().address() + " cannot be a standby of itself");
    }
    Map<String, String> settings =
        PostgresSettings.standby(node.env(), node.layout(), input.parameters(), upstream);
    String hba = PgHba.render(pgpass.replicationUser(), input.replicaHosts());
    node.prepare();
    node.storePgPass(pgpass);
    List<String> passwords = List.of(pgpass.superuserPassword());
    if (!follows(clusterId, upstream)) {
      rebuild(upstream, settings, hba, clusterId);
      return awaitStreaming(upstream, passwords);
    }
    ConfigChange change = node.config().write(settings, hba);
    try {
      node.run(change, passwords).close();
    } catch (SQLException e) {
      throw node.sqlFailure("reconfiguring the standby", e);
    }
    PostgresNodeStatus status = awaitStreaming(upstream, passwords);
    if (status.streaming()) {
      return status;
    }
    // configured for this primary but cannot stream (its WAL may be gone): start over
    rebuild(upstream, settings, hba, clusterId);
    return awaitStreaming(upstream, passwords);
  }

  /** Whether the disk already holds this cluster's standby of that primary. */
  private boolean follows(String clusterId, PostgresSettings.Upstream upstream) {
    return node.server().hasCluster()
        && node.server().standbySignalled()
        && node.storedClusterId().filter(clusterId::equals).isPresent()
        && PostgresSettings.upstreamAddress(node.config().current())
            .filter((upstream.host() + ":" + upstream.port())::equals)
            .isPresent();
  }

  private void rebuild(
      PostgresSettings.Upstream upstream,
      Map<String, String> settings,
      String hba,
      String clusterId) {
    node.server().stop(ShutdownMode.FAST);
    node.provisioner().baseBackup(upstream);
    node.files().write(node.layout().pgData().resolve("standby.signal"), "");
    node.config().write(settings, hba);
    node.storeClusterId(clusterId);
    node.start();
  }

  private PostgresNodeStatus awaitStreaming(
      PostgresSettings.Upstream upstream, List<String> passwords) {
    long deadline = System.currentTimeMillis() + STREAMING_WAIT_MILLIS;
    try (Connection c = node.connect(passwords)) {
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

  private static String slotName(String slot) {
    if (slot == null || !SLOT_NAME.matcher(slot).matches()) {
      throw InputChecks.invalid("slot name '" + slot + "' must match [a-z0-9_]{1,63}");
    }
    return slot;
  }
}
