package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshInstance;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns BOSH's instance list into the cluster's topology: postgres/0 is the primary, postgres/1 the
 * standby, pgpool/0..2 route clients. Any other shape means the manifest and the workflow disagree,
 * which no retry fixes.
 */
public final class TopologyDiscovery {

  public static final String POSTGRES_GROUP = "postgres";
  public static final String PGPOOL_GROUP = "pgpool";
  public static final int POSTGRES_NODES = 2;
  public static final int PGPOOL_NODES = 3;

  private TopologyDiscovery() {}

  /** Nodes ordered primary, standby, pgpool/0..2; instance groups other than ours are ignored. */
  public static Topology topology(String deployment, List<BoshInstance> instances) {
    List<ClusterNode> nodes = new ArrayList<>();
    nodes.addAll(group(deployment, instances, POSTGRES_GROUP, POSTGRES_NODES));
    nodes.addAll(group(deployment, instances, PGPOOL_GROUP, PGPOOL_NODES));
    return new Topology(deployment, List.copyOf(nodes));
  }

  private static List<ClusterNode> group(
      String deployment, List<BoshInstance> instances, String group, int expected) {
    List<BoshInstance> members =
        instances.stream()
            .filter(i -> group.equals(i.instanceGroup()))
            .sorted(Comparator.comparingInt(BoshInstance::index))
            .toList();
    List<Integer> indexes = members.stream().map(BoshInstance::index).toList();
    List<Integer> wanted = IntStream.range(0, expected).boxed().toList();
    if (!indexes.equals(wanted)) {
      throw invalid(
          "deployment %s has %s instances %s, expected %s"
              .formatted(deployment, group, indexes, wanted));
    }
    return members.stream().map(i -> node(deployment, i)).toList();
  }

  private static ClusterNode node(String deployment, BoshInstance instance) {
    String name = instance.instanceGroup() + "/" + instance.index();
    if (instance.id() == null || instance.id().isBlank()) {
      throw invalid("instance %s of deployment %s has no instance id".formatted(name, deployment));
    }
    if (instance.firstIp() == null) {
      throw invalid("instance %s of deployment %s has no IP address".formatted(name, deployment));
    }
    return new ClusterNode(
        instance.instanceGroup(),
        instance.index(),
        instance.id(),
        instance.firstIp(),
        role(instance));
  }

  private static NodeRole role(BoshInstance instance) {
    if (PGPOOL_GROUP.equals(instance.instanceGroup())) {
      return NodeRole.PGPOOL;
    }
    return instance.index() == 0 ? NodeRole.PRIMARY : NodeRole.STANDBY;
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.name());
  }
}
