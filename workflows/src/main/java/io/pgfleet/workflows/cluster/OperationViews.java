package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
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

  private static String describe(OperationType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
