package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.PostgresSqlActivities;
import io.pgfleet.workflows.postgres.ProbeInput;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Failover implementations changed without versioning, as a careless edit would: each must fail to
 * replay a stored history. Replay compares commands, not activity arguments, so each change alters
 * the command sequence.
 */
final class ChangedFailoverWorkflows {

  private ChangedFailoverWorkflows() {}

  /** A pause before the first look: a timer where the probes were scheduled. */
  public static final class ExtraTimer implements FailoverWorkflow {

    private final PostgresSqlActivities sql =
        Workflow.newActivityStub(PostgresSqlActivities.class, FailoverPolicies.PROBE);

    @Override
    public FailoverResult failover(FailoverInput input) {
      Workflow.sleep(Duration.ofSeconds(1));
      String host = input.topology().primary().address();
      sql.probe(new ProbeInput(new PostgresEndpoint(host, 5432, "x"), 2_000));
      return null;
    }

    @Override
    public OperationView progress() {
      return null;
    }
  }

  /** The VM looked up for fencing before anything was confirmed: another activity type first. */
  public static final class FenceFirst implements FailoverWorkflow {

    private final BoshActivities bosh =
        Workflow.newActivityStub(BoshActivities.class, FailoverPolicies.LOOKUP);

    @Override
    public FailoverResult failover(FailoverInput input) {
      bosh.vms(input.topology().deployment());
      return null;
    }

    @Override
    public OperationView progress() {
      return null;
    }
  }
}
