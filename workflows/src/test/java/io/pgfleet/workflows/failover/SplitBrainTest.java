package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.TOPOLOGY;
import static io.pgfleet.workflows.failover.FailoverFixture.inRecovery;
import static io.pgfleet.workflows.failover.FailoverFixture.refused;
import static io.pgfleet.workflows.failover.FailoverFixture.writable;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.postgres.NodeProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two writable primaries: the older timeline is fenced; one writable node is no split brain. */
class SplitBrainTest {

  private static final String P = "10.244.0.10";
  private static final String S = "10.244.0.11";

  @Test
  void aStandbyPromotedWhileThePrimaryStillWritesFencesThePrimary() {
    SplitBrain found = check(writable(P, 1), writable(S, 2));

    assertThat(found.seen()).isTrue();
    assertThat(found.stale()).isEqualTo(TOPOLOGY.primary());
    assertThat(found.decision().reason())
        .isEqualTo(
            "split brain: postgres/0 (timeline 1) and postgres/1 (timeline 2) both take writes;"
                + " fencing postgres/0 at once, it is on the older timeline");
  }

  @Test
  void aStandbyOnAnOlderTimelineThatWritesIsFenced() {
    SplitBrain found = check(writable(P, 4), writable(S, 3));

    assertThat(found.stale()).isEqualTo(TOPOLOGY.standby());
    assertThat(found.decision().reason())
        .isEqualTo(
            "split brain: postgres/0 (timeline 4) and postgres/1 (timeline 3) both take writes;"
                + " fencing postgres/1 at once, it is on the older timeline");
  }

  @Test
  void onTheSameTimelineTheTopologysPrimaryKeepsServing() {
    SplitBrain found = check(writable(P, 2), writable(S, 2));

    assertThat(found.stale()).isEqualTo(TOPOLOGY.standby());
    assertThat(found.decision().reason())
        .isEqualTo(
            "split brain: postgres/0 and postgres/1 both take writes on timeline 2; fencing"
                + " postgres/1 at once, as the topology names postgres/0 primary");
  }

  @Test
  void oneWritableNodeIsNoSplitBrain() {
    SplitBrain downPrimary = check(refused(P), writable(S, 2));
    SplitBrain healthy = check(writable(P, 1), inRecovery(S, 1));
    SplitBrain blind = check(null, writable(S, 2));

    assertThat(downPrimary.seen()).isFalse();
    assertThat(downPrimary.stale()).isNull();
    assertThat(downPrimary.decision().reason())
        .isEqualTo("no split brain: postgres/0 is refused, postgres/1 is writable");
    assertThat(healthy.decision().reason())
        .isEqualTo("no split brain: postgres/0 is writable, postgres/1 is in recovery");
    assertThat(blind.seen()).isFalse();
  }

  private static SplitBrain check(NodeProbe primary, NodeProbe standby) {
    return SplitBrain.check(TOPOLOGY, new Observation(List.of(), primary, standby));
  }
}
