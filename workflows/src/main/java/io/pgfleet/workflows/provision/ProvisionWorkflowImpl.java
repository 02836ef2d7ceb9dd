package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.BoshTaskOutcome;
import io.pgfleet.workflows.bosh.ClusterManifestInput;
import io.pgfleet.workflows.bosh.DeployRequest;
import io.pgfleet.workflows.bosh.ManifestActivities;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepRecorder;
import io.pgfleet.workflows.postgres.PostgresSqlActivities;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;

/**
 * Creates a cluster step by step; a failed step rolls the deployment back (saga) and fails with
 * {@link FailureType#OPERATION_FAILED}: the message names the step and the cause, the details carry
 * the {@link OperationView} with the rollback steps.
 */
public final class ProvisionWorkflowImpl implements ProvisionWorkflow {

  private static final Saga.Options SAGA = new Saga.Options.Builder().build();

  private final BoshActivities bosh =
      Workflow.newActivityStub(BoshActivities.class, ActivityPolicies.BOSH_TASK);
  private final BoshActivities boshQuick =
      Workflow.newActivityStub(BoshActivities.class, ActivityPolicies.QUICK);
  private final ManifestActivities manifests =
      Workflow.newActivityStub(ManifestActivities.class, ActivityPolicies.QUICK);
  private final PostgresSqlActivities sql =
      Workflow.newActivityStub(PostgresSqlActivities.class, ActivityPolicies.SQL);
  private final ArchivingSetup archiving = new ArchivingSetup();
  private final StepRecorder recorder;
  private String rollbackProblem;

  @WorkflowInit
  public ProvisionWorkflowImpl(ProvisionInput input) {
    recorder = new StepRecorder(input.operationId(), input.clusterId(), OperationType.PROVISION);
  }

  @Override
  public ProvisionResult provision(ProvisionInput input) {
    Saga saga = new Saga(SAGA);
    try {
      String manifest = recorder.step("render manifest", () -> renderManifest(input));
      // Registered before the deploy: one that fails half-way may have created VMs and disks.
      saga.addCompensation(
          new DeploymentRollback(bosh, recorder, input.operationId(), input.deployment())
              ::undoDeploy);
      recorder.step("deploy", () -> deploy(input, manifest));
      Topology topology = recorder.step("discover instances", () -> discover(input.deployment()));
      ClusterAssembly assembly = new ClusterAssembly(input, topology);
      PostgresHostActivities primary = postgresOn(topology, topology.primary());
      PostgresHostActivities standby = postgresOn(topology, topology.standby());
      recorder.step(
          "bootstrap primary", () -> primary.bootstrapPrimary(assembly.bootstrapPrimary()));
      if (ArchivingSetup.applies()) {
        recorder.step(
            "configure archiving",
            () -> archiving.configure(input.clusterId(), primary, standby).isPresent());
      }
      recorder.step("build standby", () -> standby.buildStandby(assembly.buildStandby()));
      recorder.step(
          "configure pgpools",
          () -> PgpoolConfiguration.configureAll(topology, assembly.configurePgpool()));
      recorder.step(
          "create application database",
          () -> sql.ensureApplicationDatabase(assembly.applicationDatabase()));
      recorder.step(
          "verify replication", () -> sql.verifyReplication(assembly.verifyReplication()));
      recorder.succeeded();
      return new ProvisionResult(topology, recorder.view());
    } catch (TemporalFailure failure) {
      throw rollBack(saga, failure);
    }
  }

  @Override
  public OperationView progress() {
    return recorder.view();
  }

  private String renderManifest(ProvisionInput input) {
    return manifests.renderCluster(
        new ClusterManifestInput(input.clusterId(), input.deployment(), input.plan()));
  }

  private BoshTaskOutcome deploy(ProvisionInput input, String manifest) {
    String deployment = input.deployment();
    return BoshLockRetry.run(
        input.operationId(),
        "deploy",
        deployment,
        contextId -> bosh.deploy(new DeployRequest(deployment, manifest, contextId)));
  }

  private Topology discover(String deployment) {
    return TopologyDiscovery.topology(deployment, boshQuick.instances(deployment));
  }

  private static PostgresHostActivities postgresOn(Topology topology, ClusterNode node) {
    return Workflow.newActivityStub(
        PostgresHostActivities.class, ActivityPolicies.onHost(topology.taskQueue(node)));
  }

  /** Compensates even when the workflow was cancelled, then fails naming the step. */
  private ApplicationFailure rollBack(Saga saga, TemporalFailure failure) {
    String reason = recorder.currentStep() + " failed: " + StepRecorder.rootMessage(failure);
    Workflow.newDetachedCancellationScope(() -> compensate(saga)).run();
    recorder.failed(rollbackProblem == null ? reason : reason + "; " + rollbackProblem);
    OperationView view = recorder.view();
    return ApplicationFailure.newNonRetryableFailureWithCause(
        view.error(), FailureType.OPERATION_FAILED.name(), failure, view);
  }

  private void compensate(Saga saga) {
    try {
      saga.compensate();
    } catch (TemporalFailure compensation) {
      rollbackProblem =
          recorder.currentStep()
              + " failed, resources may remain: "
              + StepRecorder.rootMessage(compensation);
    }
  }
}
