package io.pgfleet.workflows.operation;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Records an operation's named steps with workflow-clock times, for the progress query and the
 * operation's final record. Workflow code only: times come from {@link Workflow#currentTimeMillis}.
 */
public final class StepRecorder {

  private final String operationId;
  private final String clusterId;
  private final OperationType type;
  private final long startedAt;
  private final List<StepView> steps = new ArrayList<>();
  private OperationState state = OperationState.IN_PROGRESS;
  private Long finishedAt;
  private String error;

  public StepRecorder(String operationId, String clusterId, OperationType type) {
    this.operationId = operationId;
    this.clusterId = clusterId;
    this.type = type;
    this.startedAt = Workflow.currentTimeMillis();
  }

  /** Runs one named step; a failure marks the step failed and propagates. */
  public <T> T step(String name, Functions.Func<T> body) {
    int index = steps.size();
    long start = Workflow.currentTimeMillis();
    steps.add(new StepView(name, OperationState.IN_PROGRESS, start, null, null));
    try {
      T result = body.apply();
      steps.set(
          index,
          new StepView(name, OperationState.SUCCEEDED, start, Workflow.currentTimeMillis(), null));
      return result;
    } catch (TemporalFailure failure) {
      steps.set(
          index,
          new StepView(
              name,
              OperationState.FAILED,
              start,
              Workflow.currentTimeMillis(),
              rootMessage(failure)));
      throw failure;
    }
  }

  public void step(String name, Functions.Proc body) {
    step(
        name,
        () -> {
          body.apply();
          return null;
        });
  }

  public void succeeded() {
    state = OperationState.SUCCEEDED;
    finishedAt = Workflow.currentTimeMillis();
  }

  public void failed(String reason) {
    state = OperationState.FAILED;
    finishedAt = Workflow.currentTimeMillis();
    error = reason;
  }

  /** The step running now, or the last one. */
  public String currentStep() {
    return steps.isEmpty() ? null : steps.get(steps.size() - 1).name();
  }

  public OperationView view() {
    return new OperationView(
        operationId,
        clusterId,
        type,
        state,
        description(),
        startedAt,
        finishedAt,
        List.copyOf(steps),
        error);
  }

  private String description() {
    String what = type.name().toLowerCase(java.util.Locale.ROOT);
    return switch (state) {
      case QUEUED -> what + " queued";
      case IN_PROGRESS -> what + " in progress" + (steps.isEmpty() ? "" : ": " + currentStep());
      case SUCCEEDED -> what + " succeeded";
      case FAILED -> what + " failed" + (error == null ? "" : ": " + error);
    };
  }

  /** The innermost message: the activity's own words, not Temporal's wrapper text. */
  public static String rootMessage(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null
        && (t instanceof ActivityFailure || t instanceof ChildWorkflowFailure)) {
      t = t.getCause();
    }
    if (t instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    return t.getMessage();
  }
}
