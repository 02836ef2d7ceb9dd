package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.deprovision.DeprovisionInput;
import io.pgfleet.workflows.deprovision.DeprovisionResult;
import io.pgfleet.workflows.deprovision.DeprovisionWorkflow;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.workflow.Workflow;

/** Stands in for the real deprovision: succeeds, holds or fails as scripted. */
public class FakeDeprovisionWorkflow implements DeprovisionWorkflow {

  private final ChildScript script;
  private final ScriptedChild child;

  FakeDeprovisionWorkflow(ChildScript script) {
    this.script = script;
    this.child = new ScriptedChild(script.deprovision);
  }

  @Override
  public DeprovisionResult deprovision(DeprovisionInput input) {
    script.deprovisionInputs.add(input);
    script.childWorkflowIds.add(Workflow.getInfo().getWorkflowId());
    return new DeprovisionResult(
        child.perform(
            input.operationId(),
            input.clusterId(),
            OperationType.DEPROVISION,
            "delete deployment"));
  }

  @Override
  public OperationView progress() {
    return child.progress();
  }
}
