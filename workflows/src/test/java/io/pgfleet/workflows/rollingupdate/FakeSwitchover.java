package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.switchover.SwitchoverInput;
import io.pgfleet.workflows.switchover.SwitchoverOutcome;
import io.pgfleet.workflows.switchover.SwitchoverResult;
import io.pgfleet.workflows.switchover.SwitchoverWorkflow;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * The switchover child as the rolling update sees it: logs itself in the shared event list and ends
 * with the outcome the test chose (roles swapped only when it switched over).
 */
final class FakeSwitchover implements SwitchoverWorkflow {

  private final List<String> events;
  private final SwitchoverOutcome outcome;

  FakeSwitchover(List<String> events, SwitchoverOutcome outcome) {
    this.events = events;
    this.outcome = outcome;
  }

  @Override
  public SwitchoverResult switchover(SwitchoverInput input) {
    events.add("switchover " + input.postgresParameters().get("work_mem"));
    if (outcome == null) {
      throw ApplicationFailure.newNonRetryableFailure("switchover crashed", "TEST_CRASH");
    }
    boolean switched = outcome == SwitchoverOutcome.SWITCHED_OVER;
    return new SwitchoverResult(
        outcome,
        switched ? "switched over" : "stop old primary failed: not shut down cleanly",
        switched ? FailoverTopology.swapped(input.topology()) : input.topology(),
        switched ? 2 : 0,
        1200,
        null);
  }

  @Override
  public OperationView progress() {
    return null;
  }
}
