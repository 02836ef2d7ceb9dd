package io.pgfleet.workflows.backup;

import static io.pgfleet.workflows.backup.BackupFixture.BACKUP_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * A backup cancelled half-way still rolls back and records the failure. (A snapshot whose
 * CreateSnapshot answer never reached the workflow cannot be deleted by id; it carries the backup's
 * tags for a later clean-up.)
 */
class BackupCancellationTest {

  private final BackupCloud cloud = new BackupCloud();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    cloud.close();
  }

  @Test
  void cancellingWhileTheSnapshotIsTakenAbandonsTheSessionAndRecordsTheFailure() throws Exception {
    CountDownLatch snapshotting = new CountDownLatch(1);
    doAnswer(
            call -> {
              snapshotting.countDown();
              release.await(30, TimeUnit.SECONDS);
              return BackupFixture.snapshot("snap-9", BackupFixture.PRIMARY_DISK, "pending");
            })
        .when(cloud.iaas)
        .createSnapshot(any());
    BackupWorkflow workflow = cloud.stub("backup-cancelled");
    WorkflowClient.start(workflow::backup, BackupFixture.input(BackupMode.SNAPSHOT));
    assertThat(snapshotting.await(30, TimeUnit.SECONDS)).isTrue();

    WorkflowStub.fromTyped(workflow).cancel();
    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(workflow).getResult(BackupResult.class));

    assertThat(failed).isNotNull();
    verify(cloud.primary, timeout(5_000)).abortBackup(BACKUP_ID);
    verify(cloud.primary, never()).stopBackup(any());
    ArgumentCaptor<BackupRecord> put = ArgumentCaptor.forClass(BackupRecord.class);
    verify(cloud.catalog).put(put.capture());
    assertThat(put.getValue().status()).isEqualTo(BackupStatus.FAILED);
    assertThat(put.getValue().error()).startsWith("snapshot primary disk failed");
  }
}
