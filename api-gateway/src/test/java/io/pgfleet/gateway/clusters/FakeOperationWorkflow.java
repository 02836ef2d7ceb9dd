package io.pgfleet.gateway.clusters;

import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.OperationWorkflow;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A child operation that sits on its second step until the test lets it finish. */
@WorkflowInterface
public interface FakeOperationWorkflow extends OperationWorkflow {

  @WorkflowMethod
  OperationView run(String clusterId, String operationId, OperationType type);

  @SignalMethod
  void finish(boolean succeed);
}
