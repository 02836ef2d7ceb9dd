package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshInstance;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/** The PostgreSQL nodes' current disks as BOSH lists them, primary first. */
final class RestoreDisks {

  private RestoreDisks() {}

  /** Primary, then standby, each with its first disk cid (the one its data directory is on). */
  static List<String> oldDiskCids(Topology topology, List<BoshInstance> instances) {
    return List.of(topology.primary(), topology.standby()).stream()
        .map(node -> diskOf(node, instances))
        .toList();
  }

  private static String diskOf(ClusterNode node, List<BoshInstance> instances) {
    BoshInstance instance =
        instances.stream()
            .filter(i -> node.instanceId().equals(i.id()))
            .findFirst()
            .orElseThrow(
                () ->
                    conflict(
                        "BOSH lists no instance %s (%s)"
                            .formatted(node.instanceId(), node.name())));
    if (instance.diskCids() == null || instance.diskCids().isEmpty()) {
      throw conflict(
          "%s (%s) has no persistent disk to restore onto"
              .formatted(node.name(), node.instanceId()));
    }
    return instance.diskCids().get(0);
  }

  private static ApplicationFailure conflict(String message) {
    return ApplicationFailure.newNonRetryableFailure(
        message, FailureType.HOST_STATE_CONFLICT.name());
  }
}
