package io.pgfleet.workflows.backup.schedule;

import static io.pgfleet.workflows.backup.schedule.RetentionFixture.CLUSTER;
import static io.pgfleet.workflows.backup.schedule.RetentionFixture.completed;
import static io.pgfleet.workflows.backup.schedule.RetentionFixture.copy;
import static io.pgfleet.workflows.backup.schedule.RetentionFixture.failed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.replay.NonDeterminism;
import io.pgfleet.workflows.replay.StoredHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stored scheduled run (backup, two entries removed, one with a snapshot, WAL pruned) must replay
 * on the current implementation; one that prunes before removing entries must not.
 */
class ScheduledBackupReplayTest {

  static final String RETENTION = "scheduled-backup-retention";
  static final String COPY_RETENTION = "scheduled-backup-copy-retention";

  @Test
  void aScheduledBackupWithRetentionReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(), ScheduledBackupWorkflowImpl.class);
  }

  /** Copy-mode sets expired on the primary (behind the retention-expires-copy-sets marker). */
  @Test
  void aRetentionThatExpiresCopySetsReplays() throws Exception {
    WorkflowExecutionHistory copyRetention =
        StoredHistories.load(
            COPY_RETENTION,
            () -> {
              try (ScheduleCloud cloud = new ScheduleCloud()) {
                when(cloud.catalog.list(CLUSTER))
                    .thenReturn(
                        List.of(copy("full-1", 1, "F1", null), copy("full-2", 2, "F2", null)));
                when(cloud.primary.expireBackupSet("F1")).thenReturn(true);
                cloud.stub(COPY_RETENTION).run(new ScheduledBackupInput(CLUSTER, 1));
                return cloud.history(COPY_RETENTION);
              }
            });

    WorkflowReplayer.replayWorkflowExecution(copyRetention, ScheduledBackupWorkflowImpl.class);
  }

  @Test
  void pruningBeforeRemovingEntriesIsCaught() {
    Throwable replay =
        catchThrowable(() -> WorkflowReplayer.replayWorkflowExecution(history(), PruneFirst.class));

    assertThat(replay).isNotNull();
    assertThat(NonDeterminism.isReportedBy(replay))
        .as("replay failure reports nondeterminism: %s", replay)
        .isTrue();
  }

  private static WorkflowExecutionHistory history() {
    return StoredHistories.load(
        RETENTION,
        () -> {
          try (ScheduleCloud cloud = new ScheduleCloud()) {
            when(cloud.catalog.list(CLUSTER))
                .thenReturn(List.of(failed("f-1", 1), completed("b-2", 2), completed("b-3", 3)));
            when(cloud.catalog.pruneWal(any())).thenReturn(2);
            cloud.stub(RETENTION).run(new ScheduledBackupInput(CLUSTER, 1));
            return cloud.history(RETENTION);
          }
        });
  }

  /** A changed workflow: asks for the backup, then prunes straight away. */
  public static class PruneFirst implements ScheduledBackupWorkflow {
    private final ClusterRequestActivities clusters =
        Workflow.newActivityStub(ClusterRequestActivities.class, SchedulePolicies.REQUEST_BACKUP);
    private final BackupCatalogActivities catalog =
        Workflow.newActivityStub(BackupCatalogActivities.class, SchedulePolicies.QUICK);

    @Override
    public ScheduledBackupResult run(ScheduledBackupInput input) {
      RequestedBackup backup =
          clusters.requestBackup(input.clusterId(), "scheduled-20261122T080000Z");
      List<BackupRecord> entries = catalog.list(input.clusterId());
      int pruned =
          catalog.pruneWal(
              new io.pgfleet.workflows.backup.PruneWalRequest(
                  input.clusterId(), entries.get(2).start().walFile()));
      return new ScheduledBackupResult(input.clusterId(), backup, List.of(), List.of(), pruned);
    }
  }
}
