package io.pgfleet.workflows.backup;

import static io.pgfleet.workflows.backup.BackupFixture.BACKUP_ID;
import static io.pgfleet.workflows.backup.BackupFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.pgfleet.workflows.verify.SentinelInput;
import io.temporal.client.WorkflowFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The sentinel row a backup writes on the primary before pg_backup_start. */
class BackupSentinelTest {

  private final BackupCloud cloud = new BackupCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void theSentinelIsWrittenOnThePrimaryBeforeTheBackupStarts() {
    BackupResult result =
        cloud.stub("backup-sentinel").backup(BackupFixture.inputWithSecrets(BackupMode.SNAPSHOT));

    InOrder order = inOrder(cloud.primary, cloud.sql, cloud.iaas);
    order.verify(cloud.primary).archiveStatus();
    order
        .verify(cloud.sql)
        .writeSentinel(
            new SentinelInput(
                new PostgresEndpoint(
                    ClusterFixture.PRIMARY_IP,
                    Topology.POSTGRES_PORT,
                    ClusterFixture.SECRETS.superuserPassword()),
                BACKUP_ID));
    order.verify(cloud.primary).startBackup(any());
    order.verify(cloud.iaas).createSnapshot(any());
    assertThat(result.operation().steps())
        .extracting(StepView::name)
        .containsSubsequence("check primary", "write sentinel", "start backup");
  }

  @Test
  void aCopyBackupWritesItsSentinelBeforePgBackRestRuns() {
    cloud.stub("backup-copy-sentinel").backup(BackupFixture.inputWithSecrets(BackupMode.COPY));

    InOrder order = inOrder(cloud.sql, cloud.primary);
    order.verify(cloud.sql).writeSentinel(any());
    order.verify(cloud.primary).pgbackrestBackup(any());
  }

  @Test
  void withoutTheClustersPasswordsNoSentinelIsWritten() {
    cloud.stub("backup-no-secrets").backup(BackupFixture.input(BackupMode.SNAPSHOT));

    verifyNoInteractions(cloud.sql);
    verify(cloud.primary).startBackup(any());
  }

  @Test
  void aSentinelThatCannotBeWrittenFailsTheBackupBeforeItStarts() {
    doThrow(failure("permission denied for schema public", FailureType.INVALID_INPUT))
        .when(cloud.sql)
        .writeSentinel(any());

    Throwable failed =
        catchThrowable(
            () ->
                cloud
                    .stub("backup-sentinel-fails")
                    .backup(BackupFixture.inputWithSecrets(BackupMode.SNAPSHOT)));

    assertThat(failed).isInstanceOf(WorkflowFailedException.class);
    assertThat(failed.getCause())
        .hasMessageContaining("write sentinel failed: permission denied for schema public");
    verify(cloud.primary, never()).startBackup(any());
    verify(cloud.catalog).put(any());
  }
}
