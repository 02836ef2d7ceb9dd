package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.ClusterManifestInput;
import io.pgfleet.workflows.bosh.DeployRequest;
import io.pgfleet.workflows.bosh.ManifestActivities;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Provision implementations changed without versioning, as a careless edit would: each must fail to
 * replay a stored history. Replay compares commands, not activity arguments, so each change alters
 * the command sequence.
 */
final class ChangedProvisionWorkflows {

  private ChangedProvisionWorkflows() {}

  /** A pause inserted between rendering and deploying: a timer where the deploy was scheduled. */
  public static final class ExtraTimer implements ProvisionWorkflow {

    private final ManifestActivities manifests =
        Workflow.newActivityStub(ManifestActivities.class, ActivityPolicies.QUICK);
    private final BoshActivities bosh =
        Workflow.newActivityStub(BoshActivities.class, ActivityPolicies.BOSH_TASK);

    @Override
    public ProvisionResult provision(ProvisionInput input) {
      String manifest =
          manifests.renderCluster(
              new ClusterManifestInput(input.clusterId(), input.deployment(), input.plan()));
      Workflow.sleep(Duration.ofSeconds(5));
      bosh.deploy(new DeployRequest(input.deployment(), manifest, "deploy"));
      return null;
    }

    @Override
    public OperationView progress() {
      return null;
    }
  }

  /** Instances listed before the deploy: another activity type where the deploy was scheduled. */
  public static final class Reordered implements ProvisionWorkflow {

    private final ManifestActivities manifests =
        Workflow.newActivityStub(ManifestActivities.class, ActivityPolicies.QUICK);
    private final BoshActivities bosh =
        Workflow.newActivityStub(BoshActivities.class, ActivityPolicies.BOSH_TASK);

    @Override
    public ProvisionResult provision(ProvisionInput input) {
      String manifest =
          manifests.renderCluster(
              new ClusterManifestInput(input.clusterId(), input.deployment(), input.plan()));
      bosh.instances(input.deployment());
      bosh.deploy(new DeployRequest(input.deployment(), manifest, "deploy"));
      return null;
    }

    @Override
    public OperationView progress() {
      return null;
    }
  }
}
