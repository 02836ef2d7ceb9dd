package io.pgfleet.workflows.provision;

import static io.pgfleet.workflows.provision.ClusterFixture.DEPLOYMENT;
import static io.pgfleet.workflows.provision.ClusterFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshInstance;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyDiscoveryTest {

  @Test
  void assignsRolesByGroupAndIndex() {
    Topology topology = TopologyDiscovery.topology(DEPLOYMENT, ClusterFixture.instances());

    assertThat(topology.primary().instanceId()).isEqualTo(ClusterFixture.PRIMARY_ID);
    assertThat(topology.standby().instanceId()).isEqualTo(ClusterFixture.STANDBY_ID);
    assertThat(topology.pgpools()).extracting(ClusterNode::index).containsExactly(0, 1, 2);
    assertThat(topology.endpoints())
        .containsExactly("10.244.0.20:9999", "10.244.0.21:9999", "10.244.0.22:9999");
    assertThat(topology.nodes()).extracting(ClusterNode::role).containsOnlyOnce(NodeRole.PRIMARY);
  }

  @Test
  void ignoresInstanceGroupsThatAreNotPartOfTheCluster() {
    List<BoshInstance> instances = new ArrayList<>(ClusterFixture.instances());
    instances.add(instance("smoke-tests", 0, "errand-vm", "10.244.0.99"));

    assertThat(TopologyDiscovery.topology(DEPLOYMENT, instances).nodes()).hasSize(5);
  }

  @Test
  void refusesAMissingPgpool() {
    List<BoshInstance> instances =
        ClusterFixture.instances().stream().filter(i -> i.index() != 2).toList();

    assertInvalid(
        instances, "deployment pgfleet-c-7f3a has pgpool instances [0, 1], expected [0, 1, 2]");
  }

  @Test
  void refusesAThirdPostgres() {
    List<BoshInstance> instances = new ArrayList<>(ClusterFixture.instances());
    instances.add(instance("postgres", 2, "pg2", "10.244.0.12"));

    assertInvalid(
        instances, "deployment pgfleet-c-7f3a has postgres instances [0, 1, 2], expected [0, 1]");
  }

  @Test
  void refusesAnInstanceWithoutAddress() {
    List<BoshInstance> instances = new ArrayList<>(ClusterFixture.instances());
    instances.replaceAll(
        i ->
            i.instanceGroup().equals("postgres") && i.index() == 1
                ? instance("postgres", 1, "pg1", null)
                : i);

    assertInvalid(instances, "instance postgres/1 of deployment pgfleet-c-7f3a has no IP address");
  }

  @Test
  void refusesAnInstanceWithoutId() {
    List<BoshInstance> instances = new ArrayList<>(ClusterFixture.instances());
    instances.replaceAll(
        i ->
            i.instanceGroup().equals("pgpool") && i.index() == 0
                ? instance("pgpool", 0, null, "10.244.0.20")
                : i);

    assertInvalid(instances, "instance pgpool/0 of deployment pgfleet-c-7f3a has no instance id");
  }

  private static void assertInvalid(List<BoshInstance> instances, String message) {
    assertThatThrownBy(() -> TopologyDiscovery.topology(DEPLOYMENT, instances))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getOriginalMessage()).isEqualTo(message);
              assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }
}
