package io.pgfleet.workflows.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.Admission.Verdict;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.operation.OperationType;
import org.junit.jupiter.api.Test;

/** Who may restore or switch over, and which restore sources a new cluster accepts. */
class MaintenanceAdmissionTest {

  private static final RecoveryTarget TIME =
      new RecoveryTarget(RecoveryTargetKind.TIME, "2026-11-22T08:15:30Z");

  private static ClusterEntity cluster(ClusterPhase phase) {
    return TestClusters.entity(phase);
  }

  private static RestoreRequest restore(String operationId, String backupId) {
    return new RestoreRequest(operationId, backupId, TIME, "alice");
  }

  private static SwitchoverRequest switchover(String operationId) {
    return new SwitchoverRequest(operationId, "alice", "kernel update on postgres/0");
  }

  @Test
  void restoreIsAcceptedWhenReadyOrWaitingForAnOperator() {
    assertThat(MaintenanceAdmission.restore(cluster(ClusterPhase.READY), restore("op-2", null)))
        .isEqualTo(Verdict.ACCEPT);
    assertThat(
            MaintenanceAdmission.restore(
                cluster(ClusterPhase.NEEDS_OPERATOR), restore("op-2", "bk-1")))
        .isEqualTo(Verdict.ACCEPT);
    assertThat(
            MaintenanceAdmission.restore(
                cluster(ClusterPhase.READY), new RestoreRequest("op-2", null, null, "alice")))
        .as("no target is the end of the archive")
        .isEqualTo(Verdict.ACCEPT);
  }

  @Test
  void restoreAndSwitchoverAreRefusedWhileAnythingElseRuns() {
    String[][] expected = {
      {"PROVISIONING", "concurrency: cluster c-1 is being provisioned"},
      {"DEPROVISIONING", "concurrency: cluster c-1 is being deleted"},
      {"FAILING_OVER", "concurrency: cluster c-1 is failing over"},
      {"BACKING_UP", "concurrency: cluster c-1 is backing up; request a %s when that finished"},
      {"RESTORING", "concurrency: cluster c-1 is restoring a backup"},
      {"SWITCHING_OVER", "concurrency: cluster c-1 is switching over"},
      {"DELETED", "not found: cluster c-1 has been deleted"},
      {"FAILED", "conflict: cluster c-1 failed to provision and has no data for a %s"},
    };
    for (String[] row : expected) {
      ClusterPhase phase = ClusterPhase.valueOf(row[0]);
      assertThatThrownBy(() -> MaintenanceAdmission.restore(cluster(phase), restore("op-2", null)))
          .as(phase.name())
          .hasMessage(row[1].formatted("restore"));
      assertThatThrownBy(() -> MaintenanceAdmission.switchover(cluster(phase), switchover("op-2")))
          .as(phase.name())
          .hasMessage(row[1].formatted("switchover"));
    }
    assertThatThrownBy(
            () -> MaintenanceAdmission.restore(cluster(ClusterPhase.NEW), restore("op-2", null)))
        .hasMessage("not found: cluster c-1 has not been provisioned");
    ClusterEntity binding = cluster(ClusterPhase.READY);
    binding.bindingWork.put("b-1", OperationType.BIND);
    assertThatThrownBy(() -> MaintenanceAdmission.restore(binding, restore("op-2", null)))
        .hasMessage("concurrency: cluster c-1 is changing bindings [b-1]");
    assertThatThrownBy(() -> MaintenanceAdmission.switchover(binding, switchover("op-2")))
        .hasMessage("concurrency: cluster c-1 is changing bindings [b-1]");
  }

  @Test
  void aRestoreOrSwitchoverHoldsOffEveryOtherOperation() {
    for (ClusterPhase phase :
        new ClusterPhase[] {ClusterPhase.RESTORING, ClusterPhase.SWITCHING_OVER}) {
      ClusterEntity c = TestClusters.entity(phase, "b-1");
      String busy =
          phase == ClusterPhase.RESTORING
              ? "concurrency: cluster c-1 is restoring a backup"
              : "concurrency: cluster c-1 is switching over";

      assertThatThrownBy(() -> Admission.deprovision(c, new DeprovisionRequest("op-2")))
          .hasMessage(busy + "; deprovision it when that finished");
      assertThatThrownBy(() -> Admission.bind(c, new BindRequest("b-2"))).hasMessage(busy);
      assertThatThrownBy(() -> Admission.unbind(c, new UnbindRequest("b-1"))).hasMessage(busy);
      assertThatThrownBy(() -> Admission.failover(c, new FailoverRequest("op-2", "alice", "drill")))
          .hasMessage(busy);
      assertThatThrownBy(() -> Admission.backup(c, new BackupRequest("op-2", BackupMode.SNAPSHOT)))
          .hasMessage(busy);
      assertThat(Admission.provision(c, provision("op-1", null)).duplicateOf()).isEqualTo("op-1");
    }
  }

  @Test
  void switchoverNeedsAReadyCluster() {
    assertThat(MaintenanceAdmission.switchover(cluster(ClusterPhase.READY), switchover("op-2")))
        .isEqualTo(Verdict.ACCEPT);
    assertThatThrownBy(
            () ->
                MaintenanceAdmission.switchover(
                    cluster(ClusterPhase.NEEDS_OPERATOR), switchover("op-2")))
        .hasMessageStartingWith("conflict: cluster c-1 needs an operator")
        .hasMessageEndingWith("request a failover instead");
  }

  @Test
  void badRestoreInputIsRefusedBeforeAnythingElse() {
    ClusterEntity c = cluster(ClusterPhase.READY);
    c.backups.put(BackupSummary.requested("bk-9", BackupMode.SNAPSHOT, 1_000).failed("x", 2_000));
    c.backups.put(BackupSummary.requested("bk-10", BackupMode.SNAPSHOT, 3_000).running());

    assertThatThrownBy(
            () ->
                MaintenanceAdmission.restore(
                    c,
                    new RestoreRequest(
                        "op-2", null, new RecoveryTarget(RecoveryTargetKind.LSN, "x"), "alice")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recovery target lsn x is not a WAL position like 0/5000028");
    assertThatThrownBy(() -> MaintenanceAdmission.restore(c, restore("op-2", "../bk")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("backup id ../bk is not a backup name");
    assertThatThrownBy(() -> MaintenanceAdmission.restore(c, restore("op-2", "bk-9")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backup bk-9 of cluster c-1 failed and cannot be restored");
    assertThatThrownBy(() -> MaintenanceAdmission.restore(c, restore("op-2", "bk-10")))
        .hasMessage("backup bk-10 of cluster c-1 has not completed yet");
    assertThatThrownBy(() -> MaintenanceAdmission.restore(c, restore(" ", null)))
        .hasMessage("operation id is missing");
    assertThatThrownBy(() -> MaintenanceAdmission.restore(c, restore("op-1", null)))
        .hasMessage("conflict: operation id op-1 was already used for another request");
    assertThat(MaintenanceAdmission.restore(c, restore("op-2", "bk-in-the-catalog-only")))
        .isEqualTo(Verdict.ACCEPT);
  }

  @Test
  void aRepeatedOperationIdAnswersWithThatOperation() {
    ClusterEntity c = cluster(ClusterPhase.RESTORING);
    c.operations.remember("op-2");
    c.operations.put(OperationViews.queued("op-2", "c-1", OperationType.RESTORE, 3_000));

    assertThat(MaintenanceAdmission.restore(c, restore("op-2", null)).duplicateOf())
        .isEqualTo("op-2");
    assertThatThrownBy(() -> MaintenanceAdmission.switchover(c, switchover("op-2")))
        .hasMessage("conflict: operation id op-2 was already used for another request");
  }

  @Test
  void aNewClusterMayBeFilledFromAnotherClustersBackupOnly() {
    ClusterEntity fresh = TestClusters.fresh();

    assertThat(
            Admission.provision(fresh, provision("op-1", new RestoreSource("c-src", null, null))))
        .isEqualTo(Verdict.ACCEPT);
    assertThatThrownBy(
            () ->
                Admission.provision(fresh, provision("op-1", new RestoreSource("c-1", null, TIME))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster c-1 cannot be created from its own backups");
    assertThatThrownBy(
            () -> Admission.provision(fresh, provision("op-1", new RestoreSource(" ", null, TIME))))
        .hasMessage("the restore source names no cluster");
    assertThatThrownBy(
            () ->
                Admission.provision(
                    fresh,
                    provision(
                        "op-1",
                        new RestoreSource(
                            "c-src", "bk-1", new RecoveryTarget(RecoveryTargetKind.XID, "x")))))
        .hasMessage("recovery target xid x is not a decimal transaction id");
  }

  @Test
  void aRepeatedProvisionMustAskForTheSameData() {
    ClusterEntity c = cluster(ClusterPhase.READY);
    c.restoredFrom = MaintenanceAdmission.normalized(new RestoreSource("c-src", "bk-1", null));

    assertThat(
            Admission.provision(c, provision("op-7", new RestoreSource("c-src", "bk-1", null)))
                .duplicateOf())
        .isEqualTo("op-1");
    assertThat(
            Admission.provision(
                    c,
                    provision("op-7", new RestoreSource("c-src", "bk-1", RecoveryTarget.latest())))
                .duplicateOf())
        .isEqualTo("op-1");
    assertThatThrownBy(() -> Admission.provision(c, provision("op-7", null)))
        .hasMessage("conflict: cluster c-1 already exists with other data than requested");
    assertThatThrownBy(
            () ->
                Admission.provision(c, provision("op-7", new RestoreSource("c-src", "bk-2", null))))
        .hasMessage("conflict: cluster c-1 already exists with other data than requested");
  }

  private static ProvisionRequest provision(String operationId, RestoreSource source) {
    return new ProvisionRequest(
        operationId, PlanCatalog.SERVICE_ID, PlanCatalog.SMALL.id(), null, null, source);
  }
}
