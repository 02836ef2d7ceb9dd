package io.pgfleet.workflows.rollingupdate;

import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A plain rolling update of a healthy cluster: the steps, and every call in order. */
class RollingUpdateWorkflowTest {

  static final List<String> STEPS =
      List.of(
          "check plan",
          "render manifest",
          "hold instances",
          "update deployment record",
          "update pgpool/0",
          "update pgpool/1",
          "update pgpool/2",
          "update postgres/1",
          "switchover",
          "update postgres/0",
          "release instances",
          "record");

  private final RollingUpdateCloud cloud = new RollingUpdateCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void updatesOneVmAtATimeAndTheOldPrimaryOnlyAfterTheSwitchover() {
    RollingUpdateResult result = cloud.run("rolling-happy");

    assertThat(result.outcome()).as(result.reason()).isEqualTo(RollingUpdateOutcome.UPDATED);
    List<String> expected = new ArrayList<>();
    expected.add("render true");
    for (String vm : List.of("postgres/0", "postgres/1", "pgpool/0", "pgpool/1", "pgpool/2")) {
      expected.add("bosh ignore " + vm);
    }
    expected.add("bosh deploy");
    for (int i = 0; i < 3; i++) {
      expected.addAll(
          List.of(
              "pgpool/%d stop".formatted(i),
              "bosh unignore pgpool/%d".formatted(i),
              "bosh restart pgpool/%d".formatted(i),
              "pgpool/%d configure".formatted(i)));
    }
    expected.addAll(
        List.of(
            "postgres/1 stop",
            "bosh unignore postgres/1",
            "bosh restart postgres/1",
            "postgres/1 buildStandby from " + PRIMARY_IP + " work_mem=8MB",
            "pgpool/0 attach 1",
            "pgpool/1 attach 1",
            "pgpool/2 attach 1",
            "switchover 8MB",
            "postgres/0 stop",
            "bosh unignore postgres/0",
            "bosh restart postgres/0",
            "postgres/0 buildStandby from " + STANDBY_IP + " work_mem=8MB",
            "pgpool/0 attach 0",
            "pgpool/1 attach 0",
            "pgpool/2 attach 0"));
    assertThat(sortAttaches(cloud.events)).containsExactlyElementsOf(expected);
    assertThat(result.updated())
        .containsExactly("pgpool/0", "pgpool/1", "pgpool/2", "postgres/1", "postgres/0");
    assertThat(result.topology().nodes())
        .extracting(ClusterNode::name, ClusterNode::role)
        .contains(tuple("postgres/0", NodeRole.STANDBY), tuple("postgres/1", NodeRole.PRIMARY));
    assertThat(result.settings()).containsOnlyKeys("postgres/0", "postgres/1");
    assertThat(result.settings().get("postgres/0")).containsEntry("work_mem", "8MB");
    assertThat(result.reason()).endsWith("settings as planned on both nodes");
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .containsExactlyElementsOf(
            STEPS.stream().map(s -> tuple(s, OperationState.SUCCEEDED)).toList());
  }

  @Test
  void recreatesWhenAsked() {
    RollingUpdateResult result =
        cloud.run(
            "rolling-recreate",
            RollingUpdateCloud.input(true, RollingUpdateCloud.PLAN.diskMb() / 2));

    assertThat(result.outcome()).as(result.reason()).isEqualTo(RollingUpdateOutcome.UPDATED);
    assertThat(cloud.events.stream().filter(e -> e.startsWith("bosh recreate ")))
        .containsExactly(
            "bosh recreate pgpool/0",
            "bosh recreate pgpool/1",
            "bosh recreate pgpool/2",
            "bosh recreate postgres/1",
            "bosh recreate postgres/0");
    assertThat(cloud.events).noneMatch(e -> e.startsWith("bosh restart"));
  }

  /** The three attaches run at once: their order among themselves is not the workflow's. */
  static List<String> sortAttaches(List<String> events) {
    List<String> sorted = new ArrayList<>(events);
    for (int i = 0; i + 2 < sorted.size(); i++) {
      if (sorted.get(i).contains(" attach ")) {
        List<String> three = new ArrayList<>(sorted.subList(i, i + 3));
        three.sort(null);
        for (int j = 0; j < 3; j++) {
          sorted.set(i + j, three.get(j));
        }
        i += 2;
      }
    }
    return sorted;
  }
}
