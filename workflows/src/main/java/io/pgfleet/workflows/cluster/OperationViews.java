package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The cluster workflow's own records of the operations it hands to child workflows. */
final class OperationViews {

  private OperationViews() {}

  static OperationView queued(String operationId, String clusterId, OperationType type, long now) {
    return new OperationView(
        operationId,
        clusterId,
        type,
        OperationState.QUEUED,
        describe(type) + " queued",
        now,
        null,
        List.of(),
        null);
  }

  static OperationView inProgress(OperationView queued) {
    return new OperationView(
        queued.operationId(),
        queued.clusterId(),
        queued.type(),
        OperationState.IN_PROGRESS,
        describe(queued.type()) + " in progress",
        queued.startedAtMillis(),
        null,
        queued.steps(),
        null);
  }

  static OperationView failed(OperationView running, String reason, long now) {
    return new OperationView(
        running.operationId(),
        running.clusterId(),
        running.type(),
        OperationState.FAILED,
        describe(running.type()) + " failed: " + reason,
        running.startedAtMillis(),
        now,
        running.steps(),
        reason);
  }

  static OperationView succeeded(OperationView running, long now) {
    return new OperationView(
        running.operationId(),
        running.clusterId(),
        running.type(),
        OperationState.SUCCEEDED,
        describe(running.type()) + " succeeded",
        running.startedAtMillis(),
        now,
        running.steps(),
        null);
  }

  /** Finished without error, with a description of its own, e.g. why nothing needed doing. */
  static OperationView concluded(
      OperationView running, List<StepView> steps, String description, long now) {
    return new OperationView(
        running.operationId(),
        running.clusterId(),
        running.type(),
        OperationState.SUCCEEDED,
        description,
        running.startedAtMillis(),
        now,
        steps,
        null);
  }

  /** The record with one more step (done after the child), finished when that step was. */
  static OperationView withStep(OperationView done, StepView step) {
    List<StepView> steps = new ArrayList<>(done.steps());
    steps.add(step);
    return new OperationView(
        done.operationId(),
        done.clusterId(),
        done.type(),
        done.state(),
        done.description(),
        done.startedAtMillis(),
        done.finishedAtMillis() == null ? null : step.finishedAtMillis(),
        List.copyOf(steps),
        done.error());
  }

  /**
   * One operation run by two children in turn (a provision, then the restore that fills it): the
   * first's record with the second's steps, ending in {@code state}; {@code error} null unless it
   * failed.
   */
  static OperationView followedBy(
      OperationView first,
      List<StepView> more,
      OperationState state,
      String description,
      String error,
      long now) {
    List<StepView> steps = new ArrayList<>(first.steps());
    steps.addAll(more);
    return new OperationView(
        first.operationId(),
        first.clusterId(),
        first.type(),
        state,
        description,
        first.startedAtMillis(),
        now,
        List.copyOf(steps),
        error);
  }

  private static String describe(OperationType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
