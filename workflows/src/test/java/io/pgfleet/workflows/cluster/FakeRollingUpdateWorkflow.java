package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.rollingupdate.RollingUpdateInput;
import io.pgfleet.workflows.rollingupdate.RollingUpdateOutcome;
import io.pgfleet.workflows.rollingupdate.RollingUpdateResult;
import io.pgfleet.workflows.rollingupdate.RollingUpdateWorkflow;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the real rolling update: holds or fails as scripted, else ends with the scripted
 * outcome (UPDATED swaps primary and standby as its switchover would; FAILED before the switchover
 * changes nothing).
 */
public class FakeRollingUpdateWorkflow implements RollingUpdateWorkflow {

  static final String FAILED_REASON =
      "update standby failed: postgres/1 did not start: FATAL: invalid value for parameter";

  private final ChildScript script;
  private final ScriptedChild child;
  private final RollingUpdateOutcome outcome;

  FakeRollingUpdateWorkflow(ChildScript script) {
    this.script = script;
    this.child = new ScriptedChild(script.rollingUpdate);
    this.outcome = script.rollingUpdateOutcome;
  }

  @Override
  public RollingUpdateResult update(RollingUpdateInput input) {
    script.rollingUpdateInputs.add(input);
    script.childWorkflowIds.add(Workflow.getInfo().getWorkflowId());
    OperationView done =
        child.perform(
            input.operationId(), input.clusterId(), OperationType.ROLLING_UPDATE, "check plan");
    return switch (outcome) {
      case UPDATED ->
          new RollingUpdateResult(
              outcome,
              "updated",
              FailoverTopology.swapped(input.topology()),
              List.of("pgpool/0", "pgpool/1", "pgpool/2", "postgres/1", "postgres/0"),
              Map.of("postgres/0", input.plan().postgresParameters()),
              done);
      case FAILED, NEEDS_OPERATOR ->
          new RollingUpdateResult(
              outcome,
              FAILED_REASON,
              input.topology(),
              List.of("pgpool/0", "pgpool/1", "pgpool/2"),
              Map.of(),
              new OperationView(
                  done.operationId(),
                  done.clusterId(),
                  done.type(),
                  OperationState.FAILED,
                  "update failed: " + FAILED_REASON,
                  done.startedAtMillis(),
                  done.finishedAtMillis(),
                  done.steps(),
                  FAILED_REASON));
    };
  }

  @Override
  public OperationView progress() {
    return child.progress();
  }
}
