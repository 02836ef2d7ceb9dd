package io.pgfleet.workflows.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterViewsTest {

  @Test
  void nodeStatesFollowThePhaseAndEachNodesRole() {
    assertThat(ClusterViews.of(TestClusters.entity(ClusterPhase.FAILING_OVER)).nodes())
        .extracting(n -> n.name() + " " + n.role() + " " + n.state())
        .containsExactly(
            "postgres/0 PRIMARY failing",
            "postgres/1 STANDBY running",
            "pgpool/0 PGPOOL running",
            "pgpool/1 PGPOOL running",
            "pgpool/2 PGPOOL running");
    assertThat(ClusterViews.of(TestClusters.entity(ClusterPhase.NEEDS_OPERATOR)).nodes())
        .extracting(NodeView::state)
        .containsExactly("unknown", "unknown", "running", "running", "running");
    assertThat(ClusterViews.of(TestClusters.entity(ClusterPhase.DEPROVISIONING)).nodes())
        .extracting(NodeView::state)
        .containsOnly("deprovisioning");
  }
}
