package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.DynamicSignalHandler;
import io.temporal.workflow.Workflow;

/** The part both fake children share: two named steps that hold or fail as scripted. */
class ScriptedChild {

  static final String RELEASE_SIGNAL = "release";

  private final Behaviour behaviour;
  private StepRecorder recorder;
  private boolean released;

  ScriptedChild(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  OperationView perform(String operationId, String clusterId, OperationType type, String step) {
    recorder = new StepRecorder(operationId, clusterId, type);
    Workflow.registerListener((DynamicSignalHandler) (name, args) -> released = true);
    try {
      recorder.step(
          step,
          () -> {
            if (behaviour.hold()) {
              Workflow.await(() -> released);
            }
            if (behaviour.failure() != null) {
              throw ApplicationFailure.newNonRetryableFailure(
                  behaviour.failure(), behaviour.failureType().name());
            }
          });
      recorder.step("mark done", () -> {});
    } catch (ApplicationFailure failure) {
      recorder.failed(StepRecorder.rootMessage(failure));
      if (behaviour.attachSteps()) {
        throw ApplicationFailure.newNonRetryableFailureWithCause(
            failure.getOriginalMessage(), failure.getType(), failure, recorder.view());
      }
      throw failure;
    }
    recorder.succeeded();
    return recorder.view();
  }

  OperationView progress() {
    return recorder == null ? null : recorder.view();
  }
}
