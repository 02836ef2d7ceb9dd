package io.pgfleet.testenv.bench.backup;

import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.DeleteOrphanedDisksRequest;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.workflow.Workflow;

public class BenchHostWorkflowImpl implements BenchHostWorkflow {

  @Override
  public void run(Input in) {
    switch (in.action()) {
      case STOP_POSTGRES -> host(in).stop(StopPostgresInput.fast());
      case START_POSTGRES -> host(in).start();
      case DELETE_ORPHANED_DISKS ->
          Workflow.newActivityStub(BoshActivities.class, ActivityPolicies.BOSH_TASK)
              .deleteOrphanedDisks(new DeleteOrphanedDisksRequest(in.deployment(), in.contextId()));
    }
  }

  private static PostgresHostActivities host(Input in) {
    return Workflow.newActivityStub(
        PostgresHostActivities.class, ActivityPolicies.onHost(in.nodeTaskQueue()));
  }
}
