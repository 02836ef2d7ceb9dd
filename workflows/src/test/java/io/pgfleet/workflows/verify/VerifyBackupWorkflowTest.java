package io.pgfleet.workflows.verify;

import static io.pgfleet.workflows.verify.VerifyCloud.CLUSTER_ID;
import static io.pgfleet.workflows.verify.VerifyCloud.NEWEST;
import static io.pgfleet.workflows.verify.VerifyCloud.NEWEST_STOP_LSN;
import static io.pgfleet.workflows.verify.VerifyCloud.OLDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.deprovision.DeprovisionInput;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.provision.ProvisionInput;
import io.pgfleet.workflows.restore.RestoreInput;
import io.pgfleet.workflows.restore.RestoreMode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verifications that complete: one that passes, and the recorded failures (a check, the restore,
 * the checks themselves); the throw-away cluster is always deprovisioned.
 */
class VerifyBackupWorkflowTest {

  private final VerifyCloud cloud = new VerifyCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void theNewestCompletedBackupIsRestoredIntoAThrowAwayClusterCheckedRecordedAndReported() {
    cloud.startSourceCluster();

    VerifyBackupResult result =
        cloud
            .stub("verify/c-7f3a/weekly")
            .verify(new VerifyBackupInput(CLUSTER_ID, null, null, null));

    ProvisionInput provision = cloud.script.provisions.get(0);
    assertThat(provision.clusterId()).matches("verify-[0-9a-f]{8}");
    assertThat(provision.deployment()).isEqualTo("pgfleet-" + provision.clusterId());
    assertThat(provision.plan()).isEqualTo(PlanCatalog.SMALL);
    ClusterSecrets secrets = provision.secrets();
    assertThat(secrets.superuserPassword()).hasSize(64).isNotEqualTo(secrets.replicationPassword());
    RestoreInput restore = cloud.script.restores.get(0);
    assertThat(restore)
        .isEqualTo(
            new RestoreInput(
                provision.clusterId(),
                "verify-c-7f3a-weekly-restore",
                FakeChildren.topology(provision.deployment()),
                CLUSTER_ID,
                NEWEST,
                new RecoveryTarget(RecoveryTargetKind.LSN, NEWEST_STOP_LSN),
                RestoreMode.NEW_CLUSTER,
                secrets,
                PlanCatalog.SMALL.postgresParameters()));
    verify(cloud.sql)
        .checkRestored(
            new RestoreCheckInput(
                new PostgresEndpoint(
                    FakeChildren.THROW_AWAY_PRIMARY,
                    Topology.POSTGRES_PORT,
                    secrets.superuserPassword()),
                NEWEST));
    BackupVerification verification = result.verification();
    assertThat(verification.passed()).isTrue();
    assertThat(verification.clusterId()).isEqualTo(CLUSTER_ID);
    assertThat(verification.backupId()).isEqualTo(NEWEST);
    assertThat(verification.operationId()).isEqualTo("verify-c-7f3a-weekly");
    assertThat(verification.detail())
        .contains(provision.clusterId(), "lsn " + NEWEST_STOP_LSN, "7 relations read")
        .contains("sentinel row present");
    verify(cloud.catalog).putVerification(verification);
    assertThat(cloud.script.signals).containsExactly(verification);
    assertDeprovisioned(provision, secrets);
    assertThat(result.operation().type()).isEqualTo(OperationType.VERIFY_BACKUP);
    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(result.operation().steps())
        .extracting(StepView::name)
        .containsExactly(
            "choose backup",
            "provision throw-away cluster " + provision.clusterId(),
            "restore backup",
            "check restored data",
            "record verification",
            "report to cluster",
            "deprovision throw-away cluster " + provision.clusterId());
  }

  @Test
  void aNamedBackupAndPlanAreUsed() {
    VerifyBackupResult result =
        cloud
            .stub("verify-named")
            .verify(new VerifyBackupInput(CLUSTER_ID, OLDER, "op-9", PlanCatalog.MEDIUM));

    assertThat(cloud.script.provisions.get(0).plan()).isEqualTo(PlanCatalog.MEDIUM);
    assertThat(cloud.script.restores.get(0).backupId()).isEqualTo(OLDER);
    assertThat(cloud.script.restores.get(0).target().value()).isEqualTo("0/5000138");
    assertThat(result.verification().operationId()).isEqualTo("op-9");
    assertThat(cloud.script.provisions.get(0).operationId()).isEqualTo("op-9-provision");
  }

  @Test
  void aFailedCheckIsARecordedFailedVerification() {
    when(cloud.sql.checkRestored(any()))
        .thenReturn(
            new RestoreCheck(
                2, 6, 1_000, false, List.of("app.public.orders: invalid page in block 0")));

    VerifyBackupResult result =
        cloud.stub("verify-bad").verify(new VerifyBackupInput(CLUSTER_ID, null, "op-1", null));

    assertThat(result.verification().passed()).isFalse();
    assertThat(result.verification().detail())
        .contains("sentinel row missing", "app.public.orders: invalid page in block 0");
    verify(cloud.catalog).putVerification(result.verification());
    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(cloud.script.deprovisions).hasSize(1);
  }

  @Test
  void aFailedRestoreIsARecordedFailedVerificationWithoutChecks() {
    cloud.script.restoreFailure = "recover primary failed: WAL segment missing from the archive";

    VerifyBackupResult result =
        cloud
            .stub("verify-norestore")
            .verify(new VerifyBackupInput(CLUSTER_ID, null, "op-2", null));

    assertThat(result.verification().passed()).isFalse();
    assertThat(result.verification().detail())
        .isEqualTo("restore failed: recover primary failed: WAL segment missing from the archive");
    verify(cloud.sql, never()).checkRestored(any());
    verify(cloud.catalog).putVerification(result.verification());
    assertThat(cloud.script.deprovisions).hasSize(1);
  }

  @Test
  void checksThatCannotRunAreARecordedFailedVerification() {
    when(cloud.sql.checkRestored(any()))
        .thenThrow(
            io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                "password authentication failed for user postgres", "INVALID_INPUT"));

    VerifyBackupResult result =
        cloud.stub("verify-nocheck").verify(new VerifyBackupInput(CLUSTER_ID, null, "op-3", null));

    assertThat(result.verification().passed()).isFalse();
    assertThat(result.verification().detail())
        .contains("could not be checked: password authentication failed for user postgres");
    assertThat(cloud.script.deprovisions).hasSize(1);
  }

  private void assertDeprovisioned(ProvisionInput provision, ClusterSecrets secrets) {
    assertThat(cloud.script.deprovisions)
        .containsExactly(
            new DeprovisionInput(
                provision.clusterId(),
                "verify-c-7f3a-weekly-deprovision",
                provision.deployment(),
                FakeChildren.topology(provision.deployment()),
                secrets,
                List.of()));
  }
}
