package io.pgfleet.workflows.deprovision;

import io.pgfleet.workflows.provision.ClusterFixture;
import io.pgfleet.workflows.provision.MockedCloud;
import io.pgfleet.workflows.replay.StoredHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/** A stored deprovision history must replay on the current implementation. */
class DeprovisionReplayTest {

  static final String HAPPY = "deprovision-happy";

  @Test
  void aSuccessfulDeprovisionReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(happyHistory(), DeprovisionWorkflowImpl.class);
  }

  static WorkflowExecutionHistory happyHistory() {
    return StoredHistories.load(
        HAPPY,
        () -> {
          try (MockedCloud cloud = new MockedCloud()) {
            cloud
                .deprovisionStub(HAPPY)
                .deprovision(
                    DeprovisionWorkflowTest.input(
                        ClusterFixture.topology(), DeprovisionWorkflowTest.USERNAMES));
            return cloud.history(HAPPY);
          }
        });
  }
}
