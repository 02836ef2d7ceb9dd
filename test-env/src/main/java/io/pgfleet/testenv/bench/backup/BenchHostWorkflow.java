package io.pgfleet.testenv.bench.backup;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Single steps the restore benchmark needs around its pgBackRest runs and between runs, through the
 * same node agent and BOSH adapter pgfleet uses.
 */
@WorkflowInterface
public interface BenchHostWorkflow {

  enum Action {
    /** {@code PostgresHost.stop} (fast). */
    STOP_POSTGRES,
    /** {@code PostgresHost.start}. */
    START_POSTGRES,
    /** {@code Bosh.deleteOrphanedDisks}: the disks earlier restores replaced. */
    DELETE_ORPHANED_DISKS
  }

  record Input(Action action, String nodeTaskQueue, String deployment, String contextId) {}

  @WorkflowMethod
  void run(Input input);
}
