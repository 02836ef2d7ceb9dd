package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.switchover.SwitchoverInput;
import io.pgfleet.workflows.switchover.SwitchoverOutcome;
import io.pgfleet.workflows.switchover.SwitchoverResult;
import io.pgfleet.workflows.switchover.SwitchoverWorkflow;
import io.temporal.workflow.Workflow;

/**
 * Stands in for the real switchover: holds or fails as scripted, else ends with the scripted
 * outcome (SWITCHED_OVER swaps primary and standby, the others change nothing).
 */
public class FakeSwitchoverWorkflow implements SwitchoverWorkflow {

  static final String ROLLED_BACK_REASON =
      "catch up failed: postgres/1 did not replay 0/7000060 within 10 s; rolled back: writes"
          + " released on postgres/0";
  static final String NEEDS_OPERATOR_REASON =
      "promote failed: postgres/1 did not leave recovery within 60 s; postgres/0 is stopped";

  private final ChildScript script;
  private final ScriptedChild child;
  private final SwitchoverOutcome outcome;

  FakeSwitchoverWorkflow(ChildScript script) {
    this.script = script;
    this.child = new ScriptedChild(script.switchover);
    this.outcome = script.switchoverOutcome;
  }

  @Override
  public SwitchoverResult switchover(SwitchoverInput input) {
    script.switchoverInputs.add(input);
    script.childWorkflowIds.add(Workflow.getInfo().getWorkflowId());
    OperationView done =
        child.perform(input.operationId(), input.clusterId(), OperationType.SWITCHOVER, "check");
    return switch (outcome) {
      case SWITCHED_OVER ->
          new SwitchoverResult(
              outcome,
              "switched over from postgres/0 to postgres/1 (timeline 2, writes held 900 ms)",
              FailoverTopology.swapped(input.topology()),
              2,
              900,
              done);
      case FAILED ->
          new SwitchoverResult(
              outcome,
              ROLLED_BACK_REASON,
              input.topology(),
              0,
              400,
              failed(done, ROLLED_BACK_REASON));
      case NEEDS_OPERATOR ->
          new SwitchoverResult(
              outcome,
              NEEDS_OPERATOR_REASON,
              input.topology(),
              0,
              0,
              failed(done, NEEDS_OPERATOR_REASON));
    };
  }

  @Override
  public OperationView progress() {
    return child.progress();
  }

  /** The real workflow ends a stopped switchover with a failed record. */
  private static OperationView failed(OperationView done, String reason) {
    return new OperationView(
        done.operationId(),
        done.clusterId(),
        done.type(),
        OperationState.FAILED,
        "switchover failed: " + reason,
        done.startedAtMillis(),
        done.finishedAtMillis(),
        done.steps(),
        reason);
  }
}
