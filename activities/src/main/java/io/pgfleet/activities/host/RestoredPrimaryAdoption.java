package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.PostgresNodeStatus;

/**
 * adoptRestoredPrimary: the data came from another cluster's backup, with that cluster's id in the
 * agent's state, its roles' passwords and its pg_hba. Once this node's recovery promoted it, the
 * cluster id is replaced and the bootstrap brings configuration and passwords to this cluster's (it
 * connects with the new superuser password or the restored one, so a repeat works too).
 */
final class RestoredPrimaryAdoption {

  private final PostgresNode node;

  RestoredPrimaryAdoption(PostgresNode node) {
    this.node = node;
  }

  PostgresNodeStatus run(BootstrapPrimaryInput input) {
    if (input == null) {
      throw InputChecks.invalid("adoptRestoredPrimary needs the cluster's id and credentials");
    }
    String clusterId = InputChecks.required(input.clusterId(), "cluster id");
    node.prepare();
    if (!node.server().isRunning()) {
      throw node.conflict(
          "PostgreSQL on " + node.env().address() + " is not running; recover the restore first");
    }
    if (node.server().standbySignalled() || node.server().recoverySignalled()) {
      throw node.conflict(
          "PostgreSQL on "
              + node.env().address()
              + " is still recovering; adopt the restored data once it is promoted");
    }
    node.storeClusterId(clusterId);
    return new PrimaryBootstrap(node).run(input);
  }
}
