package io.pgfleet.workflows.backup.schedule;

import static io.pgfleet.workflows.backup.schedule.RetentionFixture.CLUSTER;
import static io.pgfleet.workflows.backup.schedule.RetentionFixture.completed;
import static io.pgfleet.workflows.backup.schedule.RetentionFixture.copy;
import static io.pgfleet.workflows.backup.schedule.RetentionFixture.failed;
import static io.pgfleet.workflows.backup.schedule.RetentionFixture.walFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupRef;
import io.pgfleet.workflows.backup.PruneWalRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class ScheduledBackupWorkflowTest {

  static final String OPERATION_ID = "scheduled-20261122T080000Z";

  @Test
  void aBackupIsTakenThenOlderBackupsGoSnapshotsFirstAndTheirWalIsPruned() {
    try (ScheduleCloud cloud = new ScheduleCloud()) {
      when(cloud.catalog.list(CLUSTER))
          .thenReturn(
              List.of(
                  failed("f-1", 1),
                  completed("b-2", 2),
                  completed("b-3", 3),
                  failed("f-4", 4),
                  completed("b-5", 5)));
      when(cloud.catalog.pruneWal(any())).thenReturn(12);

      ScheduledBackupResult result =
          cloud.stub("backup/c-1/scheduled").run(new ScheduledBackupInput(CLUSTER, 2));

      assertThat(result.backup())
          .isEqualTo(
              new RequestedBackup(CLUSTER, OPERATION_ID, RequestedBackupOutcome.SUCCEEDED, null));
      assertThat(result.deletedBackupIds()).containsExactly("f-1", "b-2");
      assertThat(result.retentionFailures()).isEmpty();
      assertThat(result.prunedWalFiles()).isEqualTo(12);
      InOrder order = inOrder(cloud.clusters, cloud.iaas, cloud.catalog);
      order.verify(cloud.clusters).requestBackup(CLUSTER, OPERATION_ID);
      order.verify(cloud.catalog).list(CLUSTER);
      order.verify(cloud.catalog).delete(new BackupRef(CLUSTER, "f-1"));
      order.verify(cloud.iaas).deleteSnapshot("snap-b-2");
      order.verify(cloud.catalog).delete(new BackupRef(CLUSTER, "b-2"));
      order.verify(cloud.clusters).forgetBackups(CLUSTER, List.of("f-1", "b-2"));
      order.verify(cloud.catalog).pruneWal(new PruneWalRequest(CLUSTER, walFile(3)));
      verify(cloud.catalog, never()).delete(new BackupRef(CLUSTER, "b-3"));
      verify(cloud.catalog, never()).delete(new BackupRef(CLUSTER, "f-4"));
    }
  }

  @Test
  void aBusyClusterIsASkipAndRetentionStillRuns() {
    try (ScheduleCloud cloud = new ScheduleCloud()) {
      RequestedBackup skipped =
          new RequestedBackup(
              CLUSTER, OPERATION_ID, RequestedBackupOutcome.SKIPPED, "cluster c-1 is failing over");
      when(cloud.clusters.requestBackup(anyString(), anyString())).thenReturn(skipped);
      when(cloud.catalog.list(CLUSTER))
          .thenReturn(List.of(completed("b-1", 1), completed("b-2", 2)));

      ScheduledBackupResult result =
          cloud.stub("backup/c-1/scheduled").run(new ScheduledBackupInput(CLUSTER, 1));

      assertThat(result.backup()).isEqualTo(skipped);
      assertThat(result.deletedBackupIds()).containsExactly("b-1");
      verify(cloud.catalog).pruneWal(new PruneWalRequest(CLUSTER, walFile(2)));
    }
  }

  @Test
  void anUnreachableClusterIsRecordedAsFailedAndRetentionStillRuns() {
    try (ScheduleCloud cloud = new ScheduleCloud()) {
      when(cloud.clusters.requestBackup(anyString(), anyString()))
          .thenThrow(
              ApplicationFailure.newNonRetryableFailure(
                  "update refused", FailureType.INVALID_INPUT.name()));
      when(cloud.catalog.list(CLUSTER)).thenReturn(List.of(completed("b-1", 1)));

      ScheduledBackupResult result =
          cloud.stub("backup/c-1/scheduled").run(new ScheduledBackupInput(CLUSTER, 1));

      assertThat(result.backup().outcome()).isEqualTo(RequestedBackupOutcome.FAILED);
      assertThat(result.backup().detail()).contains("update refused");
      assertThat(result.deletedBackupIds()).isEmpty();
      verify(cloud.catalog).pruneWal(new PruneWalRequest(CLUSTER, walFile(1)));
    }
  }

  @Test
  void withoutACompletedBackupNothingIsDeletedOrPruned() {
    try (ScheduleCloud cloud = new ScheduleCloud()) {
      when(cloud.catalog.list(CLUSTER)).thenReturn(List.of(failed("f-1", 1)));

      ScheduledBackupResult result =
          cloud.stub("backup/c-1/scheduled").run(new ScheduledBackupInput(CLUSTER, 3));

      assertThat(result.deletedBackupIds()).isEmpty();
      assertThat(result.prunedWalFiles()).isZero();
      verify(cloud.catalog, never()).delete(any());
      verify(cloud.catalog, never()).pruneWal(any());
    }
  }

  @Test
  void aSnapshotThatCannotBeDeletedKeepsItsEntryAndItsWal() {
    try (ScheduleCloud cloud = new ScheduleCloud()) {
      when(cloud.catalog.list(CLUSTER))
          .thenReturn(List.of(completed("b-1", 1), completed("b-2", 2), completed("b-3", 3)));
      doThrow(
              ApplicationFailure.newNonRetryableFailure(
                  "snapshot in use", FailureType.IAAS_REQUEST_REJECTED.name()))
          .when(cloud.iaas)
          .deleteSnapshot("snap-b-1");

      ScheduledBackupResult result =
          cloud.stub("backup/c-1/scheduled").run(new ScheduledBackupInput(CLUSTER, 1));

      assertThat(result.deletedBackupIds()).containsExactly("b-2");
      assertThat(result.retentionFailures()).singleElement().asString().contains("b-1", "in use");
      verify(cloud.catalog, never()).delete(new BackupRef(CLUSTER, "b-1"));
      verify(cloud.catalog).pruneWal(new PruneWalRequest(CLUSTER, walFile(1)));
    }
  }

  @Test
  void copySetsAreExpiredOnThePrimaryBeforeTheirEntriesGo() {
    try (ScheduleCloud cloud = new ScheduleCloud()) {
      when(cloud.catalog.list(CLUSTER))
          .thenReturn(
              List.of(
                  copy("full-1", 1, "F1", null),
                  copy("incr-1", 2, "F1_I1", "F1"),
                  copy("full-2", 3, "F2", null)));
      when(cloud.primary.expireBackupSet("F1")).thenReturn(true);
      when(cloud.primary.expireBackupSet("F1_I1")).thenReturn(false);

      ScheduledBackupResult result =
          cloud.stub("backup/c-1/copy").run(new ScheduledBackupInput(CLUSTER, 1));

      assertThat(result.deletedBackupIds()).containsExactly("full-1", "incr-1");
      assertThat(result.retentionFailures()).isEmpty();
      InOrder order = inOrder(cloud.primary, cloud.catalog);
      order.verify(cloud.primary).expireBackupSet("F1");
      order.verify(cloud.catalog).delete(new BackupRef(CLUSTER, "full-1"));
      order.verify(cloud.primary).expireBackupSet("F1_I1");
      order.verify(cloud.catalog).delete(new BackupRef(CLUSTER, "incr-1"));
      order.verify(cloud.catalog).pruneWal(new PruneWalRequest(CLUSTER, walFile(3)));
      verify(cloud.clusters).primaryTaskQueue(CLUSTER);
    }
  }

  @Test
  void withoutAPrimaryCopySetsAndTheirEntriesAndWalStay() {
    try (ScheduleCloud cloud = new ScheduleCloud()) {
      when(cloud.catalog.list(CLUSTER))
          .thenReturn(List.of(copy("full-1", 1, "F1", null), completed("b-2", 2)));
      when(cloud.clusters.primaryTaskQueue(CLUSTER)).thenReturn(Optional.empty());

      ScheduledBackupResult result =
          cloud.stub("backup/c-1/gone").run(new ScheduledBackupInput(CLUSTER, 1));

      assertThat(result.deletedBackupIds()).isEmpty();
      assertThat(result.retentionFailures())
          .singleElement()
          .asString()
          .startsWith("full-1: ")
          .contains("has no primary to expire pgBackRest sets on");
      verify(cloud.catalog, never()).delete(any());
      verify(cloud.clusters, never()).forgetBackups(anyString(), any());
      verify(cloud.catalog).pruneWal(new PruneWalRequest(CLUSTER, walFile(1)));
    }
  }
}
