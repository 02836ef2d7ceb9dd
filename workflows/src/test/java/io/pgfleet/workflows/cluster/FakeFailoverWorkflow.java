package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.failover.FailoverInput;
import io.pgfleet.workflows.failover.FailoverOutcome;
import io.pgfleet.workflows.failover.FailoverResult;
import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.failover.FailoverWorkflow;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.workflow.Workflow;

/**
 * Stands in for the real failover: holds or fails as scripted, else ends with the scripted outcome
 * (FAILED_OVER swaps primary and standby, the others change nothing).
 */
public class FakeFailoverWorkflow implements FailoverWorkflow {

  static final long RPO_BYTES = 4096;
  static final String NOT_CONFIRMED_REASON = "only pgpool/0 of 3 saw the primary down";
  static final String NEEDS_OPERATOR_REASON =
      "postgres/1 is 9437184 bytes behind, beyond the 1048576 allowed";

  private final ChildScript script;
  private final ScriptedChild child;
  private final FailoverOutcome outcome;

  FakeFailoverWorkflow(ChildScript script) {
    this.script = script;
    this.child = new ScriptedChild(script.failover);
    this.outcome = script.failoverOutcome;
  }

  @Override
  public FailoverResult failover(FailoverInput input) {
    script.failoverInputs.add(input);
    script.childWorkflowIds.add(Workflow.getInfo().getWorkflowId());
    OperationView done =
        child.perform(input.operationId(), input.clusterId(), OperationType.FAILOVER, "confirm");
    return switch (outcome) {
      case FAILED_OVER ->
          new FailoverResult(
              outcome,
              "failed over from postgres/0 to postgres/1 (timeline 2)",
              FailoverTopology.swapped(input.topology()),
              RPO_BYTES,
              2,
              done);
      case NOT_CONFIRMED ->
          new FailoverResult(
              outcome,
              NOT_CONFIRMED_REASON,
              input.topology(),
              0,
              0,
              failed(done, NOT_CONFIRMED_REASON));
      case NEEDS_OPERATOR ->
          new FailoverResult(
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

  /** The real workflow records a decision that said no as a failed operation. */
  private static OperationView failed(OperationView done, String reason) {
    return new OperationView(
        done.operationId(),
        done.clusterId(),
        done.type(),
        OperationState.FAILED,
        "failover failed: " + reason,
        done.startedAtMillis(),
        done.finishedAtMillis(),
        done.steps(),
        reason);
  }
}
