package io.pgfleet.gateway.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.operation.OperationType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** Migration V4 on the real inventory database: the backup index and verification rows. */
class BackupRepositoryIT extends GatewayIntegrationTest {

  @Autowired BackupRepository backups;
  @Autowired OperationLog log;

  @Test
  void theMigrationRanAndIsRecorded() {
    assertThat(
            jdbc.sql(
                    "SELECT success FROM flyway_schema_history WHERE version = '4'"
                        + " AND script = 'V4__restore_and_verification.sql'")
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void backupIdsAreRecordedOncePerClusterAndFoundByIdAlone() throws Exception {
    String cluster = readyInstance();
    String other = readyInstance();

    backups.recordAll(cluster, List.of("b-1", "b-2"));
    backups.recordAll(cluster, List.of("b-2", "b-3"));
    backups.recordAll(other, List.of("b-3"));

    assertThat(backups.backupIds(cluster)).containsExactlyInAnyOrder("b-1", "b-2", "b-3");
    assertThat(backups.clustersOf("b-1")).containsExactly(cluster);
    assertThat(backups.clustersOf("b-3")).containsExactlyInAnyOrder(cluster, other);
    assertThat(backups.clustersOf("b-404")).isEmpty();
  }

  @Test
  void theDatabaseRefusesBackupsOfUnknownClustersAndUnsafeIds() throws Exception {
    String cluster = readyInstance();

    assertThatThrownBy(() -> backups.recordAll(newId(), List.of("b-1")))
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("backups_cluster_id_fkey");
    assertThatThrownBy(() -> backups.recordAll(cluster, List.of("../b")))
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("backups_backup_id_check");
  }

  @Test
  void verificationsAreStoredAndReadBackOnlyForKnownBackups() throws Exception {
    String cluster = readyInstance();
    backups.recordAll(cluster, List.of("b-9"));
    String op = newId();

    backups.recordVerification(new VerificationRow(op, cluster, "b-9", "verify/b-9/" + op, null));

    VerificationRow row = backups.verification(op).orElseThrow();
    assertThat(row.workflowId()).isEqualTo("verify/b-9/" + op);
    assertThat(row.clusterId()).isEqualTo(cluster);
    assertThat(row.requestedAt()).isNotNull();
    assertThat(backups.verification(newId())).isEmpty();
    assertThatThrownBy(
            () ->
                backups.recordVerification(
                    new VerificationRow(
                        newId(), cluster, "b-unknown", "verify/x/" + newId(), null)))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void theAuditLogTakesTheNewOperationTypes() {
    String instance = newId();
    for (OperationType type :
        List.of(OperationType.RESTORE, OperationType.SWITCHOVER, OperationType.VERIFY_BACKUP)) {
      log.record(instance, null, newId(), type, AuditEvent.REQUESTED, null);
    }
    assertThat(log.forInstance(instance))
        .extracting(AuditEntry::operationType)
        .containsExactly(
            OperationType.RESTORE, OperationType.SWITCHOVER, OperationType.VERIFY_BACKUP);
  }
}
