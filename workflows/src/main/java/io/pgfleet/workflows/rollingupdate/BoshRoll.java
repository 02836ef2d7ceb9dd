package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.DeployRequest;
import io.pgfleet.workflows.bosh.IgnoreInstanceRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.provision.BoshLockRetry;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * The BOSH side of a rolling update. BOSH converges every changed instance when a deployment (or a
 * state change carrying a manifest) is submitted; only instances marked {@code ignore} are skipped.
 * So every instance is ignored first, the new manifest deployed (BOSH's record changes, no VM
 * does), and each VM unignored just before its own restart or recreate, which then applies the new
 * manifest to it alone. See docs/rolling-update.md.
 */
final class BoshRoll {

  private final RollingUpdateInput input;
  private final BoshActivities bosh =
      Workflow.newActivityStub(BoshActivities.class, ActivityPolicies.BOSH_TASK);
  private final BoshActivities quick =
      Workflow.newActivityStub(BoshActivities.class, ActivityPolicies.QUICK);

  BoshRoll(RollingUpdateInput input) {
    this.input = input;
  }

  void ignore(List<ClusterNode> nodes, boolean ignore) {
    for (ClusterNode node : nodes) {
      quick.ignoreInstance(
          new IgnoreInstanceRequest(
              input.deployment(), node.instanceGroup(), node.instanceId(), ignore));
    }
  }

  void deploy(String manifest) {
    BoshLockRetry.run(
        input.operationId(),
        "deploy",
        input.deployment(),
        context -> bosh.deploy(new DeployRequest(input.deployment(), manifest, context)));
  }

  /** Unignores the VM, then restarts or recreates it: the new manifest reaches it now. */
  void cycle(ClusterNode node) {
    ignore(List.of(node), false);
    InstanceState state = input.recreate() ? InstanceState.RECREATE : InstanceState.RESTART;
    BoshLockRetry.run(
        input.operationId(),
        state.wireName() + "-" + node.instanceGroup() + "-" + node.index(),
        input.deployment(),
        context ->
            bosh.changeInstanceState(
                new InstanceStateRequest(
                    input.deployment(), node.instanceGroup(), node.instanceId(), state, context)));
  }
}
