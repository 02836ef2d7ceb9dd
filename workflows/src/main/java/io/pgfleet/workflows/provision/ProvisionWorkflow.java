package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.operation.OperationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Creates a cluster: render manifest → deploy → bootstrap primary → configure archiving → build
 * standby → configure pgpools → application database → verify replication. A failed step
 * compensates, so a failed provision leaves no deployment, VM or orphaned disk behind.
 */
@WorkflowInterface
public interface ProvisionWorkflow extends OperationWorkflow {

  @WorkflowMethod
  ProvisionResult provision(ProvisionInput input);
}
