package io.pgfleet.workflows.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.replay.StoredHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stored rollout histories must replay on the current implementation: canaries, a failed canary
 * paused the rollout, an operator resumed it, waves with a busy cluster and a failure.
 * (Continue-as-new is covered by FleetRolloutWorkflowTest: a run of 200 clusters makes a history
 * too large to keep here.) Record again with {@code -Dpgfleet.regenerateHistories=true} (see {@link
 * StoredHistories}).
 */
class FleetRolloutReplayTest {

  static final String PAUSED_RESUMED = "rollout-canary-paused-resumed";

  @Test
  void aRolloutPausedByItsCanaryAndResumedReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        StoredHistories.load(PAUSED_RESUMED, FleetRolloutReplayTest::pausedAndResumed),
        FleetRolloutWorkflowImpl.class);
  }

  private static WorkflowExecutionHistory pausedAndResumed() {
    try (RolloutTestEnv t = new RolloutTestEnv()) {
      t.fleet.clusters(6);
      t.fleet.failing.addAll(List.of("c1", "c5"));
      t.fleet.busyAnswers.put("c3", 1);
      var execution = t.startRun(RolloutTestEnv.input("replay-1", 1, 2, 0.9));
      t.sleep(10 * 60_000);
      t.existing("replay-1").resume();
      RolloutProgress done =
          t.client.newUntypedWorkflowStub("rollout/replay-1").getResult(RolloutProgress.class);
      assertThat(done.failed()).isEqualTo(2);
      return t.client.fetchHistory("rollout/replay-1", execution.getRunId());
    }
  }
}
