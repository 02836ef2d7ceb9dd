package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import java.util.List;

/** What the restore's input must hold before the catalog is even read. */
final class InputCheck {

  private InputCheck() {}

  /** Fails with INVALID_INPUT naming the first problem. */
  static void check(RestoreInput input) {
    require(input.clusterId(), "cluster id");
    require(input.operationId(), "operation id");
    if (input.secrets() == null) {
      throw Rejection.because(
          "restore of cluster " + input.clusterId() + " got no cluster secrets to rebuild with");
    }
    Topology topology = input.topology();
    if (topology == null || topology.deployment() == null || topology.nodes() == null) {
      throw Rejection.because("restore of cluster " + input.clusterId() + " got no topology");
    }
    for (NodeRole role : List.of(NodeRole.PRIMARY, NodeRole.STANDBY)) {
      List<ClusterNode> nodes = topology.nodes().stream().filter(n -> n.role() == role).toList();
      if (nodes.size() != 1) {
        throw Rejection.because(
            "cluster %s must have exactly one %s to restore into, has %d"
                .formatted(input.clusterId(), role, nodes.size()));
      }
    }
    boolean sameCluster = input.source().equals(input.clusterId());
    switch (input.restoreMode()) {
      case IN_PLACE -> {
        if (!sameCluster) {
          throw Rejection.because(
              "an in-place restore of cluster %s cannot take cluster %s's backup"
                  .formatted(input.clusterId(), input.source()));
        }
      }
      case NEW_CLUSTER -> {
        if (sameCluster) {
          throw Rejection.because(
              "a restore into a new cluster needs a source other than " + input.clusterId());
        }
      }
    }
    RecoveryTargets.requireWellFormed(input.target());
  }

  private static void require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw Rejection.because("a restore needs a " + what);
    }
  }
}
