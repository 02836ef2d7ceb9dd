package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.deprovision.DeprovisionInput;
import io.pgfleet.workflows.deprovision.DeprovisionResult;
import io.pgfleet.workflows.deprovision.DeprovisionWorkflow;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.provision.ProvisionInput;
import io.pgfleet.workflows.provision.ProvisionResult;
import io.pgfleet.workflows.provision.ProvisionWorkflow;
import io.pgfleet.workflows.restore.RestoreInput;
import io.pgfleet.workflows.restore.RestoreResult;
import io.pgfleet.workflows.restore.RestoreWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** Stand-ins for the verification's children and for the source cluster's workflow. */
final class FakeChildren {

  static final String THROW_AWAY_PRIMARY = "10.244.9.10";

  private FakeChildren() {}

  static Topology topology(String deployment) {
    return new Topology(
        deployment,
        List.of(
            new ClusterNode("postgres", 0, "v0", THROW_AWAY_PRIMARY, NodeRole.PRIMARY),
            new ClusterNode("postgres", 1, "v1", "10.244.9.11", NodeRole.STANDBY),
            new ClusterNode("pgpool", 0, "w0", "10.244.9.20", NodeRole.PGPOOL)));
  }

  private static void failIf(String failure) {
    if (failure != null) {
      throw ApplicationFailure.newNonRetryableFailure(failure, FailureType.OPERATION_FAILED.name());
    }
  }

  static final class Provision implements ProvisionWorkflow {
    private final VerifyScript script;

    Provision(VerifyScript script) {
      this.script = script;
    }

    @Override
    public ProvisionResult provision(ProvisionInput input) {
      script.provisions.add(input);
      failIf(script.provisionFailure);
      return new ProvisionResult(topology(input.deployment()), null);
    }

    @Override
    public OperationView progress() {
      return null;
    }
  }

  static final class Restore implements RestoreWorkflow {
    private final VerifyScript script;

    Restore(VerifyScript script) {
      this.script = script;
    }

    @Override
    public RestoreResult restore(RestoreInput input) {
      script.restores.add(input);
      if (script.restoreHangs) {
        Workflow.await(() -> false);
      }
      failIf(script.restoreFailure);
      return new RestoreResult(
          null, new RecoveryOutcome(2, input.target().value(), null, null), null);
    }

    @Override
    public OperationView progress() {
      return null;
    }
  }

  static final class Deprovision implements DeprovisionWorkflow {
    private final VerifyScript script;

    Deprovision(VerifyScript script) {
      this.script = script;
    }

    @Override
    public DeprovisionResult deprovision(DeprovisionInput input) {
      script.deprovisions.add(input);
      failIf(script.deprovisionFailure);
      return new DeprovisionResult(null);
    }

    @Override
    public OperationView progress() {
      return null;
    }
  }

  /** Only what a verification talks to: the source cluster's workflow receiving the Signal. */
  @WorkflowInterface
  public interface SourceCluster {
    @WorkflowMethod
    void run();

    @SignalMethod(name = ClusterWorkflow.BACKUP_VERIFIED_SIGNAL)
    void backupVerified(BackupVerification verification);
  }

  static final class Source implements SourceCluster {
    private final VerifyScript script;

    Source(VerifyScript script) {
      this.script = script;
    }

    @Override
    public void run() {
      Workflow.await(() -> false);
    }

    @Override
    public void backupVerified(BackupVerification verification) {
      script.signals.add(verification);
    }
  }
}
