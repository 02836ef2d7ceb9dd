package io.pgfleet.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import org.junit.jupiter.api.Test;

class FailoverTopologyTest {

  @Test
  void swappingTwiceGivesTheSameTopologyBack() {
    Topology once = FailoverTopology.swapped(FailoverFixture.TOPOLOGY);

    assertThat(once.nodes())
        .extracting(ClusterNode::name, ClusterNode::role, ClusterNode::instanceId)
        .containsExactly(
            tuple("postgres/0", NodeRole.STANDBY, "5b1c0a7e-pg0"),
            tuple("postgres/1", NodeRole.PRIMARY, "5b1c0a7e-pg1"),
            tuple("pgpool/0", NodeRole.PGPOOL, "5b1c0a7e-pp0"),
            tuple("pgpool/1", NodeRole.PGPOOL, "5b1c0a7e-pp1"),
            tuple("pgpool/2", NodeRole.PGPOOL, "5b1c0a7e-pp2"));
    assertThat(FailoverTopology.swapped(once)).isEqualTo(FailoverFixture.TOPOLOGY);
  }

  @Test
  void theBackendIdIsTheNodesIndexWhoeverIsPrimary() {
    Topology after = FailoverTopology.swapped(FailoverFixture.TOPOLOGY);

    assertThat(FailoverTopology.backendId(after.primary())).isEqualTo(1);
    assertThat(FailoverTopology.backendId(after.standby())).isZero();
  }
}
