package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Checks the primary, takes the backup in the input's mode and records it in the catalog. A failed
 * step rolls back what the backup created (the PostgreSQL backup session, the snapshot), records
 * the backup as FAILED in the catalog, and fails with {@link FailureType#OPERATION_FAILED}: the
 * message names the step and the cause, the details carry the {@link OperationView}.
 */
public final class BackupWorkflowImpl implements BackupWorkflow {

  private static final Logger LOG = Workflow.getLogger(BackupWorkflowImpl.class);

  private final BackupCatalogActivities catalog =
      Workflow.newActivityStub(BackupCatalogActivities.class, BackupPolicies.QUICK);
  private final BoshActivities bosh =
      Workflow.newActivityStub(BoshActivities.class, BackupPolicies.QUICK);
  private final StepRecorder recorder;
  private SnapshotBackup snapshot;
  private String stanza;

  @WorkflowInit
  public BackupWorkflowImpl(BackupInput input) {
    recorder = new StepRecorder(input.operationId(), input.clusterId(), OperationType.BACKUP);
  }

  @Override
  public BackupResult backup(BackupInput input) {
    BackupNaming.requireSafe("cluster id", input.clusterId());
    BackupNaming.requireSafe("backup id", input.backupId());
    requirePrimary(input);
    BackupMode mode = mode(input);
    try {
      Topology topology = input.topology();
      ClusterNode primary = topology.primary();
      PostgresHostActivities host =
          Workflow.newActivityStub(
              PostgresHostActivities.class, BackupPolicies.host(topology.taskQueue(primary)));
      stanza =
          recorder.step(
              "check primary",
              () -> BackupChecks.primaryArchives(input.clusterId(), primary, host));
      BackupSentinelStep.write(recorder, input);
      BackupRecord record =
          switch (mode) {
            case SNAPSHOT -> snapshotBackup(input, primary);
            case COPY -> new CopyBackup(input, recorder).run(stanza);
          };
      recorder.step("record backup", () -> catalog.put(record));
      recorder.succeeded();
      return new BackupResult(record, recorder.view());
    } catch (TemporalFailure failure) {
      throw rollBack(input, mode, failure);
    }
  }

  @Override
  public OperationView progress() {
    return recorder.view();
  }

  private BackupRecord snapshotBackup(BackupInput input, ClusterNode primary) {
    PrimaryDisk disk =
        recorder.step(
            "find primary disk",
            () -> BackupChecks.primaryDisk(primary, bosh.instances(input.topology().deployment())));
    snapshot = new SnapshotBackup(input, recorder);
    return snapshot.run(stanza, disk);
  }

  /**
   * Compensates and records the failure even when the workflow was cancelled, then fails naming the
   * step.
   */
  private ApplicationFailure rollBack(BackupInput input, BackupMode mode, TemporalFailure failure) {
    String reason = recorder.currentStep() + " failed: " + StepRecorder.rootMessage(failure);
    List<String> problems = new ArrayList<>();
    Workflow.newDetachedCancellationScope(
            () -> {
              if (snapshot != null) {
                problems.addAll(snapshot.compensate());
              }
              recordFailure(input, mode, reason, problems);
            })
        .run();
    String error =
        problems.isEmpty()
            ? reason
            : reason + "; rollback incomplete: " + String.join("; ", problems);
    recorder.failed(error);
    OperationView view = recorder.view();
    return ApplicationFailure.newNonRetryableFailureWithCause(
        view.error(), FailureType.OPERATION_FAILED.name(), failure, view);
  }

  /** Best effort: a catalog that cannot be written is reported, not a second failure. */
  private void recordFailure(
      BackupInput input, BackupMode mode, String reason, List<String> problems) {
    BackupRecord failed =
        BackupRecords.failed(input, mode, stanza, reason, Workflow.currentTimeMillis());
    try {
      recorder.step("record failed backup", () -> catalog.put(failed));
    } catch (TemporalFailure catalogFailure) {
      String message = "failed backup not recorded: " + StepRecorder.rootMessage(catalogFailure);
      LOG.warn("backup {} of cluster {}: {}", input.backupId(), input.clusterId(), message);
      problems.add(message);
    }
  }

  private static void requirePrimary(BackupInput input) {
    Topology topology = input.topology();
    if (topology == null
        || topology.nodes() == null
        || topology.nodes().stream().noneMatch(n -> n.role() == NodeRole.PRIMARY)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cluster " + input.clusterId() + " has no known primary to back up: " + topology,
          FailureType.INVALID_INPUT.name());
    }
  }

  private static BackupMode mode(BackupInput input) {
    return input.mode() == null ? BackupMode.SNAPSHOT : input.mode();
  }
}
