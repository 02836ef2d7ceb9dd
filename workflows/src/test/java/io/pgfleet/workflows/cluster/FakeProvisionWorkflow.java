package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.provision.ProvisionInput;
import io.pgfleet.workflows.provision.ProvisionResult;
import io.pgfleet.workflows.provision.ProvisionWorkflow;
import io.temporal.workflow.Workflow;

/** Stands in for the real provision: reports the test topology, or fails as scripted. */
public class FakeProvisionWorkflow implements ProvisionWorkflow {

  private final ChildScript script;
  private final ScriptedChild child;

  FakeProvisionWorkflow(ChildScript script) {
    this.script = script;
    this.child = new ScriptedChild(script.provision);
  }

  @Override
  public ProvisionResult provision(ProvisionInput input) {
    script.provisionInputs.add(input);
    script.childWorkflowIds.add(Workflow.getInfo().getWorkflowId());
    OperationView done =
        child.perform(
            input.operationId(), input.clusterId(), OperationType.PROVISION, "deploy VMs");
    return new ProvisionResult(TestTopologies.of(input.deployment()), done);
  }

  @Override
  public OperationView progress() {
    return child.progress();
  }
}
