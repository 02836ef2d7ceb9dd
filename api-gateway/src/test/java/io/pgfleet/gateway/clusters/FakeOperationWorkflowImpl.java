package io.pgfleet.gateway.clusters;

import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.workflow.Workflow;
import java.util.List;

public class FakeOperationWorkflowImpl implements FakeOperationWorkflow {

  static final String FIRST_STEP = "render manifest";
  static final String SECOND_STEP = "deploy";

  private OperationView view;
  private Boolean succeed;

  @Override
  public OperationView run(String clusterId, String operationId, OperationType type) {
    long start = Workflow.currentTimeMillis();
    view =
        new OperationView(
            operationId,
            clusterId,
            type,
            OperationState.IN_PROGRESS,
            type.name().toLowerCase() + ": " + SECOND_STEP,
            start,
            null,
            List.of(
                new StepView(FIRST_STEP, OperationState.SUCCEEDED, start, start, null),
                new StepView(SECOND_STEP, OperationState.IN_PROGRESS, start, null, null)),
            null);
    Workflow.await(() -> succeed != null);
    long end = Workflow.currentTimeMillis();
    OperationState state = succeed ? OperationState.SUCCEEDED : OperationState.FAILED;
    String error = succeed ? null : "deploy failed";
    return new OperationView(
        operationId,
        clusterId,
        type,
        state,
        type.name().toLowerCase() + " " + state.name().toLowerCase(),
        start,
        end,
        List.of(
            new StepView(FIRST_STEP, OperationState.SUCCEEDED, start, start, null),
            new StepView(SECOND_STEP, state, start, end, error)),
        error);
  }

  @Override
  public void finish(boolean succeed) {
    this.succeed = succeed;
  }

  @Override
  public OperationView progress() {
    return view;
  }
}
