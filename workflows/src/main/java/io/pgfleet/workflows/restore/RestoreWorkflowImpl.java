package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.ArchiveRepositoryActivities;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.bosh.AttachDiskRequest;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.DeleteOrphanedDiskRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDisksRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PrepareRestoreInput;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.pgfleet.workflows.iaas.CreateVolumeRequest;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Restores a snapshot backup into the cluster's PostgreSQL VMs in named steps (docs/restore.md).
 * Validation only reads; a refused input fails with {@link FailureType#INVALID_INPUT} and nothing
 * changed. Any failure after that and before the old disks are released runs {@link
 * RestoreRollback} and fails with {@link FailureType#OPERATION_FAILED}: the message names the step
 * and the cause, the details carry the {@link OperationView}. A failed release leaves the restore
 * done (the old disks stay orphaned).
 */
public final class RestoreWorkflowImpl implements RestoreWorkflow {

  private static final Logger LOG = Workflow.getLogger(RestoreWorkflowImpl.class);

  /** Version 1: a restore into a new cluster adopts the restored data before the standby build. */
  static final String ADOPTS_RESTORED_DATA = "restore-adopts-restored-data";

  /**
   * From version 1 the release and the rollback delete only this restore's own disks, one by one by
   * cid; before it they deleted every orphan of the deployment (an operator's kept disk too).
   */
  static final String RELEASES_OWN_DISKS = "restore-releases-own-disks";

  private final ArchiveRepositoryActivities repository =
      Workflow.newActivityStub(ArchiveRepositoryActivities.class, RestorePolicies.QUICK);
  private final BoshActivities boshRead =
      Workflow.newActivityStub(BoshActivities.class, RestorePolicies.QUICK);
  private final BoshActivities bosh =
      Workflow.newActivityStub(BoshActivities.class, RestorePolicies.BOSH_TASK);
  private final IaasActivities iaasRead =
      Workflow.newActivityStub(IaasActivities.class, RestorePolicies.QUICK);
  private final IaasActivities iaasCreate =
      Workflow.newActivityStub(IaasActivities.class, RestorePolicies.CREATE_VOLUME);
  private final StepRecorder recorder;
  private final RestoreProgress progress = new RestoreProgress();
  private final List<String> warnings = new ArrayList<>();

  @WorkflowInit
  public RestoreWorkflowImpl(RestoreInput input) {
    recorder = new StepRecorder(input.operationId(), input.clusterId(), OperationType.RESTORE);
  }

  @Override
  public RestoreResult restore(RestoreInput input) {
    Nodes nodes = new Nodes(input);
    Topology topology = input.topology();
    try {
      RestorePlan plan = recorder.step("validate", () -> new RestoreValidation().validate(input));
      progress.disks = recorder.step("find disks", () -> findDisks(input));
      recorder.step("stop PostgreSQL", () -> stopPostgres(nodes));
      recorder.step("stop instances", () -> stopInstances(nodes));
      recorder.step("create volumes", () -> createVolumes(input, plan));
      recorder.step("attach volumes", () -> attachVolumes(input));
      recorder.step("start instances", () -> startInstances(nodes));
      recorder.step(
          "prepare restore",
          () -> nodes.postgres(topology.primary()).prepareRestore(prepareInput(input, plan)));
      RecoveryOutcome recovery =
          recorder.step(
              "recover",
              () ->
                  nodes
                      .postgres(topology.primary(), RestorePolicies::awaitRecovery)
                      .awaitRecovery());
      if (input.mode() == RestoreMode.NEW_CLUSTER
          && Workflow.getVersion(ADOPTS_RESTORED_DATA, Workflow.DEFAULT_VERSION, 1) == 1) {
        recorder.step(
            "adopt restored data",
            () ->
                nodes.postgres(topology.primary()).adoptRestoredPrimary(StandbyInput.adopt(input)));
      }
      recorder.step(
          "build standby",
          () ->
              nodes
                  .postgres(topology.standby(), RestorePolicies::buildStandby)
                  .buildStandby(StandbyInput.of(input)));
      recorder.step("attach pgpool backends", () -> attachBackends(topology));
      recorder.step("configure archiving", () -> configureArchiving(input, nodes));
      release(input);
      recorder.step("record", () -> record(input, plan.backup(), recovery));
      recorder.succeeded();
      return new RestoreResult(plan.backup(), recovery, recorder.view());
    } catch (TemporalFailure failure) {
      throw fail(input, failure);
    }
  }

  @Override
  public OperationView progress() {
    return recorder.view();
  }

  private List<NodeDisk> findDisks(RestoreInput input) {
    Topology topology = input.topology();
    List<String> cids =
        RestoreDisks.oldDiskCids(topology, boshRead.instances(topology.deployment()));
    List<ClusterNode> nodes = List.of(topology.primary(), topology.standby());
    List<NodeDisk> disks = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      String zone = iaasRead.volume(cids.get(i)).availabilityZone();
      disks.add(new NodeDisk(nodes.get(i), cids.get(i), zone));
    }
    return List.copyOf(disks);
  }

  private void stopPostgres(Nodes nodes) {
    progress.postgresStopped = true;
    for (ClusterNode node : nodes.postgres()) {
      nodes.postgres(node).stop(StopPostgresInput.fast());
    }
  }

  private void stopInstances(Nodes nodes) {
    progress.instancesStopped = true;
    nodes.changeState(bosh, InstanceState.STOPPED, "restore");
  }

  private void createVolumes(RestoreInput input, RestorePlan plan) {
    progress.volumesRequested = true;
    for (NodeDisk disk : progress.disks) {
      Map<String, String> tags =
          Map.of(
              RestoreNaming.TAG_CLUSTER, input.clusterId(),
              RestoreNaming.TAG_RESTORE, input.operationId(),
              RestoreNaming.TAG_BACKUP, plan.backup().backupId());
      String volumeId =
          iaasCreate
              .createVolumeFromSnapshot(
                  new CreateVolumeRequest(
                      plan.snapshotId(),
                      disk.availabilityZone(),
                      tags,
                      RestoreNaming.volumeToken(input.operationId(), disk.node())))
              .volumeId();
      progress.volumes.put(disk.node().nodeName(), volumeId);
    }
  }

  private void attachVolumes(RestoreInput input) {
    progress.newDisksAttached = true;
    for (NodeDisk disk : progress.disks) {
      ClusterNode node = disk.node();
      bosh.attachDisk(
          new AttachDiskRequest(
              input.topology().deployment(),
              node.instanceGroup(),
              node.instanceId(),
              progress.volumes.get(node.nodeName()),
              RestoreNaming.context(input.operationId(), "attach", node)));
    }
  }

  private void startInstances(Nodes nodes) {
    progress.instancesRestarted = true;
    nodes.changeState(bosh, InstanceState.STARTED, "restore");
  }

  private static PrepareRestoreInput prepareInput(RestoreInput input, RestorePlan plan) {
    return new PrepareRestoreInput(
        plan.backup().snapshot().backupLabel(),
        plan.backup().snapshot().tablespaceMap(),
        input.target(),
        plan.source());
  }

  /** One pgpool routing is enough to serve; the others are named in the log. */
  private void attachBackends(Topology topology) {
    List<String> failed = PgpoolRouting.attachBoth(topology);
    if (!topology.pgpools().isEmpty() && failed.size() == topology.pgpools().size()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no pgpool attached the restored backends: " + String.join(", ", failed),
          FailureType.HOST_COMMAND_FAILED.name());
    }
    if (!failed.isEmpty()) {
      warn("backends not attached by " + String.join(", ", failed));
    }
  }

  /**
   * The restored primary archives into this cluster's own stanza (a new timeline in place, a fresh
   * stanza for a new cluster), then the standby keeps the same settings for a later promotion.
   */
  private void configureArchiving(RestoreInput input, Nodes nodes) {
    Optional<ArchiveSettings> settings = repository.settingsFor(input.clusterId());
    if (settings.isEmpty()) {
      warn("no backup repository configured: " + input.clusterId() + " does not archive WAL");
      return;
    }
    ConfigureArchivingInput archiving = ConfigureArchivingInput.async(settings.get());
    for (ClusterNode node : nodes.postgres()) {
      nodes.postgres(node).configureArchiving(archiving);
    }
  }

  /** Past the point of no return: a failure here leaves the old disks orphaned, and says so. */
  private void release(RestoreInput input) {
    try {
      recorder.step(
          "release old disks",
          () -> {
            if (Workflow.getVersion(RELEASES_OWN_DISKS, Workflow.DEFAULT_VERSION, 1) == 1) {
              for (NodeDisk disk : progress.disks) {
                bosh.deleteOrphanedDisk(
                    new DeleteOrphanedDiskRequest(
                        disk.oldDiskCid(), input.operationId() + "/release/" + disk.oldDiskCid()));
              }
            } else {
              bosh.deleteOrphanedDisks(
                  new DeleteOrphanedDisksRequest(
                      input.topology().deployment(), input.operationId() + "/release"));
            }
          });
    } catch (TemporalFailure failure) {
      rethrowCancellation(failure);
      warn(
          "old disks "
              + progress.disks.stream().map(NodeDisk::oldDiskCid).toList()
              + " not released, still orphaned: "
              + StepRecorder.rootMessage(failure));
    }
  }

  private void record(RestoreInput input, BackupRecord backup, RecoveryOutcome recovery) {
    LOG.info(
        "cluster {} restored from backup {} of {} to {}: timeline {}, stopped at {}{}",
        input.clusterId(),
        backup.backupId(),
        input.source(),
        input.target().describe(),
        recovery.timeline(),
        recovery.endLsn(),
        warnings.isEmpty() ? "" : "; " + String.join("; ", warnings));
  }

  private void warn(String message) {
    OperationView view = recorder.view();
    LOG.warn("restore {} of cluster {}: {}", view.operationId(), view.clusterId(), message);
    warnings.add(message);
  }

  private static void rethrowCancellation(TemporalFailure failure) {
    if (failure instanceof CanceledFailure || failure.getCause() instanceof CanceledFailure) {
      throw failure;
    }
  }

  /**
   * A refused input fails as INVALID_INPUT with nothing changed; anything else rolls back (even
   * when the workflow was cancelled) and fails as OPERATION_FAILED naming the step.
   */
  private ApplicationFailure fail(RestoreInput input, TemporalFailure failure) {
    String step = recorder.currentStep();
    String reason = step + " failed: " + StepRecorder.rootMessage(failure);
    if (!progress.changedAnything()) {
      FailureType type =
          Rejection.is(failure) ? FailureType.INVALID_INPUT : FailureType.OPERATION_FAILED;
      recorder.failed(reason + "; nothing was changed");
      return failure(type, failure);
    }
    List<String> problems = new ArrayList<>();
    Workflow.newDetachedCancellationScope(
            () -> problems.addAll(new RestoreRollback(input, progress, recorder).run()))
        .run();
    recorder.failed(
        problems.isEmpty()
            ? reason + "; rolled back: the old data runs again"
            : reason + "; rollback incomplete: " + String.join("; ", problems));
    return failure(FailureType.OPERATION_FAILED, failure);
  }

  private ApplicationFailure failure(FailureType type, TemporalFailure cause) {
    OperationView view = recorder.view();
    return ApplicationFailure.newNonRetryableFailureWithCause(
        view.error(), type.name(), cause, view);
  }
}
