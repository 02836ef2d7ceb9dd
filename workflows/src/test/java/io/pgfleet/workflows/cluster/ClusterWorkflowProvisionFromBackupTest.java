package io.pgfleet.workflows.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupSchedulePolicy;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.restore.RestoreInput;
import io.pgfleet.workflows.restore.RestoreMode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;

/** A new cluster filled from another cluster's backup: one provision operation, two children. */
class ClusterWorkflowProvisionFromBackupTest {

  private static final RecoveryTarget TARGET = new RecoveryTarget(RecoveryTargetKind.XID, "745");

  private final ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class);

  @AfterEach
  void stop() {
    t.close();
  }

  private static ProvisionRequest fromBackup(String operationId, RestoreSource source) {
    return new ProvisionRequest(
        operationId,
        PlanCatalog.SERVICE_ID,
        PlanCatalog.SMALL.id(),
        Map.of(),
        Map.of("platform", "cloudfoundry"),
        source);
  }

  @Test
  void theProvisionedClusterIsRestoredBeforeItIsReady() {
    ClusterWorkflow cluster = t.start();
    t.script.restore = Behaviour.HOLD;

    cluster.provision(fromBackup("op-1", new RestoreSource("c-src", "bk-7", TARGET)));
    ClusterTestEnv.eventually(
        () -> t.script.restoreInputs, inputs -> !inputs.isEmpty(), "the restore child");
    // The provision child is done, the cluster is not ready until its data is restored.
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.PROVISIONING);
    assertThat(cluster.operation("op-1").state()).isEqualTo(OperationState.IN_PROGRESS);
    t.release("op-1");
    t.awaitPhase(ClusterPhase.READY);

    RestoreInput input = t.script.restoreInputs.get(0);
    assertThat(input)
        .isEqualTo(
            new RestoreInput(
                "c-0001",
                "op-1",
                TestTopologies.of("pgfleet-c-0001"),
                "c-src",
                "bk-7",
                TARGET,
                RestoreMode.NEW_CLUSTER,
                t.script.provisionInputs.get(0).secrets(),
                t.script.provisionInputs.get(0).plan().postgresParameters()));
    assertThat(t.script.childWorkflowIds).containsOnly("cluster/c-0001/op/op-1");
    OperationView op = cluster.operation("op-1");
    assertThat(op.type()).isEqualTo(OperationType.PROVISION);
    assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(op.description())
        .isEqualTo(
            "provision succeeded: restored backup bk-7 of cluster c-src (timeline 2, recovery"
                + " stopped at 0/7000060)");
    assertThat(op.steps())
        .extracting(StepView::name)
        .containsExactly(
            "deploy VMs", "mark done", "restore disks", "mark done", "ensure backup schedules");
    assertThat(op.finishedAtMillis()).isNotNull();
    verify(t.schedules).ensure(BackupSchedulePolicy.defaults("c-0001"));
    // A repeat of the same request is the same cluster; the source defaults to the latest target.
    assertThat(cluster.provision(fromBackup("op-1", new RestoreSource("c-src", "bk-7", TARGET))))
        .isEqualTo(new OperationReceipt("op-1", true));
    assertThat(
            ClusterTestEnv.rejection(
                () ->
                    cluster.provision(fromBackup("op-2", new RestoreSource("c-src", null, null)))))
        .isEqualTo("conflict: cluster c-0001 already exists with other data than requested");
  }

  @Test
  void aFailedRestoreLeavesTheClusterFailedWithTheReason() {
    ClusterWorkflow cluster = t.start();
    t.script.restore =
        Behaviour.fail(
            "backup bk-7 of cluster c-src is not in the catalog", FailureType.INVALID_INPUT);

    cluster.provision(fromBackup("op-1", new RestoreSource("c-src", "bk-7", null)));
    t.awaitPhase(ClusterPhase.FAILED);

    OperationView op = t.awaitOperation("op-1");
    assertThat(op.type()).isEqualTo(OperationType.PROVISION);
    assertThat(op.state()).isEqualTo(OperationState.FAILED);
    assertThat(op.error())
        .isEqualTo(
            "restoring backup bk-7 of cluster c-src failed: backup bk-7 of cluster c-src is not"
                + " in the catalog");
    assertThat(op.description()).isEqualTo("provision failed: " + op.error());
    assertThat(op.steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("deploy VMs", OperationState.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("mark done", OperationState.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("restore disks", OperationState.FAILED));
    assertThat(t.script.restoreInputs.get(0).target()).isEqualTo(RecoveryTarget.latest());
    verify(t.schedules, never()).ensure(ArgumentMatchers.any());
    // The operator deletes it.
    cluster.deprovision(new DeprovisionRequest("op-2"));
    t.awaitCompletion();
    assertThat(t.script.deprovisionInputs).hasSize(1);
  }

  @Test
  void aClusterCannotBeFilledFromItsOwnBackups() {
    ClusterWorkflow cluster = t.start();

    assertThat(
            ClusterTestEnv.rejection(
                () ->
                    cluster.provision(fromBackup("op-1", new RestoreSource("c-0001", null, null)))))
        .isEqualTo("cluster c-0001 cannot be created from its own backups");
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.NEW);
  }
}
