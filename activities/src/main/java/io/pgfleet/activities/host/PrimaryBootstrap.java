package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * bootstrapPrimary: initdb when the disk holds no cluster, then bring configuration, passwords and
 * the replication role to what the input says, and run. Repeating it changes nothing.
 */
final class PrimaryBootstrap {

  private final PostgresNode node;

  PrimaryBootstrap(PostgresNode node) {
    this.node = node;
  }

  PostgresNodeStatus run(BootstrapPrimaryInput input) {
    String clusterId = InputChecks.required(input.clusterId(), "cluster id");
    PgPass wanted = PgPass.from(input.credentials());
    node.prepare();
    checkDiskBelongsToPrimary(clusterId);
    if (!node.server().hasCluster()) {
      node.storePgPass(wanted);
      node.provisioner().initdb(wanted.superuserPassword());
    }
    node.storeClusterId(clusterId);
    ConfigChange change =
        node.config()
            .write(
                PostgresSettings.primary(node.env(), node.layout(), input.parameters()),
                PgHba.render(wanted.replicationUser(), input.replicaHosts()));
    // the wanted password first: after a retry or without rotation it is already in place
    List<String> passwords =
        List.of(
            wanted.superuserPassword(),
            node.storedPgPass().map(PgPass::superuserPassword).orElse(""));
    Connection c = null;
    try {
      c = node.run(change, passwords);
      PostgresAdmin.setPassword(c, PgPass.SUPERUSER, wanted.superuserPassword());
      PostgresAdmin.ensureReplicationRole(
          c, wanted.replicationUser(), wanted.replicationPassword());
      node.storePgPass(wanted);
      return new PostgresStatusReader(node).read(c);
    } catch (SQLException e) {
      throw node.sqlFailure("bootstrapping the primary", e);
    } finally {
      close(c);
    }
  }

  private void checkDiskBelongsToPrimary(String clusterId) {
    if (!node.server().hasCluster()) {
      return;
    }
    node.storedClusterId()
        .filter(stored -> !stored.equals(clusterId))
        .ifPresent(
            other -> {
              throw node.conflict(
                  "the disk of "
                      + node.env().address()
                      + " holds cluster "
                      + other
                      + ", not "
                      + clusterId);
            });
    if (node.server().standbySignalled()) {
      throw node.conflict(
          "PostgreSQL on "
              + node.env().address()
              + " is a standby; promote it instead of bootstrapping a primary");
    }
  }

  private static void close(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // the work is done; a failed close loses nothing
    }
  }
}
