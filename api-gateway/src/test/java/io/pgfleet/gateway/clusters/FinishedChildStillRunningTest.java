package io.pgfleet.gateway.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A child's outcome is not the cluster's until the cluster applied it (phase, topology). */
class FinishedChildStillRunningTest {

  private static final List<StepView> STEPS =
      List.of(new StepView("deploy", OperationState.SUCCEEDED, 1L, 2L, null));

  @Test
  void aFinishedChildIsInProgressUntilItsClusterRecordsIt() {
    OperationView finished =
        new OperationView(
            "op",
            "c",
            OperationType.PROVISION,
            OperationState.SUCCEEDED,
            "done",
            1L,
            2L,
            STEPS,
            null);

    OperationView shown = TemporalClusterOperations.stillRunning(finished);

    assertThat(shown.state()).isEqualTo(OperationState.IN_PROGRESS);
    assertThat(shown.finishedAtMillis()).isNull();
    assertThat(shown.steps()).isEqualTo(STEPS);
  }

  @Test
  void aRunningChildIsShownAsItIs() {
    OperationView running =
        new OperationView(
            "op",
            "c",
            OperationType.PROVISION,
            OperationState.IN_PROGRESS,
            "deploying",
            1L,
            null,
            STEPS,
            null);

    assertThat(TemporalClusterOperations.stillRunning(running)).isSameAs(running);
  }
}
