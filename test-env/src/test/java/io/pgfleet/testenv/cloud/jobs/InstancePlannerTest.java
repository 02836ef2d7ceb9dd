package io.pgfleet.testenv.cloud.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.testenv.cloud.manifest.ManifestParser;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstancePlannerTest {

  private static String manifest(int postgres) {
    return """
        name: pg
        releases: [{name: pgfleet, version: 1}]
        instance_groups:
        - name: postgres
          instances: %d
          azs: [z1, z2]
          networks: [{name: default}]
          jobs: [{name: node-agent}]
        """
        .formatted(postgres);
  }

  private static InstanceRecord existing(int index, String id) {
    return new InstanceRecord(
        "postgres",
        index,
        id,
        "z1",
        InstanceRecord.STOPPED,
        "vm-" + id,
        "agent",
        1L,
        "127.0.1." + (index + 1),
        "disk-" + id,
        1024,
        index == 0);
  }

  @Test
  void existingIndexesKeepTheirInstanceNewOnesGetNewUuidsExtrasGo() {
    List<InstanceRecord> current = List.of(existing(0, "a"), existing(1, "b"), existing(2, "c"));

    InstancePlanner.Plan grow =
        InstancePlanner.plan(current.subList(0, 1), ManifestParser.parse(manifest(2)));
    assertThat(grow.kept()).extracting(InstanceRecord::id).containsExactly("a");
    assertThat(grow.kept().get(0).state()).isEqualTo(InstanceRecord.STOPPED);
    assertThat(grow.added())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.index()).isEqualTo(1);
              assertThat(i.id()).hasSize(36);
              assertThat(i.az()).isEqualTo("z2");
              assertThat(i.state()).isEqualTo(InstanceRecord.STARTED);
              assertThat(i.bootstrap()).isFalse();
            });

    InstancePlanner.Plan shrink = InstancePlanner.plan(current, ManifestParser.parse(manifest(1)));
    assertThat(shrink.kept()).extracting(InstanceRecord::id).containsExactly("a");
    assertThat(shrink.added()).isEmpty();
    assertThat(shrink.removed()).extracting(InstanceRecord::id).containsExactly("b", "c");
  }
}
