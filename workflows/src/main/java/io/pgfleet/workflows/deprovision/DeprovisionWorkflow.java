package io.pgfleet.workflows.deprovision;

import io.pgfleet.workflows.operation.OperationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Removes a cluster: bindings' roles → delete deployment → delete orphaned disks. */
@WorkflowInterface
public interface DeprovisionWorkflow extends OperationWorkflow {

  @WorkflowMethod
  DeprovisionResult deprovision(DeprovisionInput input);
}
