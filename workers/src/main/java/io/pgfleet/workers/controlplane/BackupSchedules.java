package io.pgfleet.workers.controlplane;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupNaming;
import io.pgfleet.workflows.backup.BackupSchedulePolicy;
import io.pgfleet.workflows.backup.schedule.BackupScheduleNaming;
import io.pgfleet.workflows.backup.schedule.ScheduledBackupInput;
import io.pgfleet.workflows.backup.schedule.ScheduledBackupWorkflow;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.verify.VerifyBackupInput;
import io.pgfleet.workflows.verify.VerifyBackupWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;

/** The Schedules a {@link BackupSchedulePolicy} asks for, built in one place. */
final class BackupSchedules {

  /** Temporal's smallest catch-up window; intervals below it make no sense for backups either. */
  static final long MIN_INTERVAL_SECONDS = 10;

  private BackupSchedules() {}

  /** Every interval starts a ScheduledBackupWorkflow (backup, then retention). */
  static Schedule backup(BackupSchedulePolicy policy) {
    return schedule(
        ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(ScheduledBackupWorkflow.class)
            .setArguments(new ScheduledBackupInput(policy.clusterId(), policy.retainBackups()))
            .setOptions(
                onControlQueue(BackupScheduleNaming.scheduledBackupWorkflowId(policy.clusterId())))
            .build(),
        policy.intervalSeconds(),
        policy.jitterSeconds());
  }

  /** Every verify interval starts a VerifyBackupWorkflow of the newest backup, default plan. */
  static Schedule verify(BackupSchedulePolicy policy) {
    return schedule(
        ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(VerifyBackupWorkflow.class)
            .setArguments(new VerifyBackupInput(policy.clusterId(), null, null, null))
            .setOptions(
                onControlQueue(BackupScheduleNaming.scheduledVerifyWorkflowId(policy.clusterId())))
            .build(),
        policy.verifyIntervalSeconds(),
        Math.min(policy.jitterSeconds(), policy.verifyIntervalSeconds() - 1));
  }

  /**
   * Overlap SKIP: a backup still running when the next is due is not doubled. A run missed while
   * Temporal or the worker was down is caught up within one interval; an older one is dropped,
   * because the next regular run is as good.
   */
  private static Schedule schedule(
      ScheduleActionStartWorkflow action, long intervalSeconds, long jitterSeconds) {
    return Schedule.newBuilder()
        .setAction(action)
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(
                    List.of(new ScheduleIntervalSpec(Duration.ofSeconds(intervalSeconds))))
                .setJitter(Duration.ofSeconds(jitterSeconds))
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .setCatchupWindow(Duration.ofSeconds(intervalSeconds))
                .build())
        .build();
  }

  private static WorkflowOptions onControlQueue(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
        .build();
  }

  /** INVALID_INPUT naming the first thing wrong with the policy. */
  static void check(BackupSchedulePolicy policy) {
    String problem = null;
    if (policy == null || !BackupNaming.isSafe(policy.clusterId())) {
      problem = "cluster id " + (policy == null ? null : policy.clusterId()) + " is not usable";
    } else if (policy.intervalSeconds() < MIN_INTERVAL_SECONDS
        || policy.verifyIntervalSeconds() < MIN_INTERVAL_SECONDS) {
      problem = "intervals must be at least " + MIN_INTERVAL_SECONDS + " seconds";
    } else if (policy.jitterSeconds() < 0 || policy.jitterSeconds() >= policy.intervalSeconds()) {
      problem = "jitter must be at least 0 and shorter than the backup interval";
    } else if (policy.retainBackups() < 1) {
      problem = "at least one backup must be retained";
    }
    if (problem != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "backup schedule policy " + policy + " refused: " + problem,
          FailureType.INVALID_INPUT.name());
    }
  }
}
