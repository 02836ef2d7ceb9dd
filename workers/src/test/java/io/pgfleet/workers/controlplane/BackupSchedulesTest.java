package io.pgfleet.workers.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupSchedulePolicy;
import io.pgfleet.workflows.backup.schedule.ScheduledBackupInput;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.verify.VerifyBackupInput;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackupSchedulesTest {

  @Test
  void theBackupScheduleStartsTheScheduledBackupOnTheControlQueueEveryInterval() {
    Schedule schedule = BackupSchedules.backup(BackupSchedulePolicy.defaults("c-1"));
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) schedule.getAction();

    assertThat(action.getWorkflowType()).isEqualTo("ScheduledBackupWorkflow");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("backup/c-1/scheduled");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo(ClusterWorkflow.TASK_QUEUE);
    assertThat(action.getArguments().get(0, ScheduledBackupInput.class))
        .isEqualTo(new ScheduledBackupInput("c-1", 7));
    assertThat(schedule.getSpec().getIntervals())
        .containsExactly(new ScheduleIntervalSpec(Duration.ofDays(1)));
    assertThat(schedule.getSpec().getJitter()).isEqualTo(Duration.ofMinutes(30));
    assertThat(schedule.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
  }

  @Test
  void theVerifyScheduleVerifiesTheNewestBackupWithTheDefaultPlan() {
    Schedule schedule = BackupSchedules.verify(BackupSchedulePolicy.defaults("c-1"));
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) schedule.getAction();

    assertThat(action.getWorkflowType()).isEqualTo("VerifyBackupWorkflow");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("verify/c-1/scheduled");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo(ClusterWorkflow.TASK_QUEUE);
    assertThat(action.getArguments().get(0, VerifyBackupInput.class))
        .isEqualTo(new VerifyBackupInput("c-1", null, null, null));
    assertThat(schedule.getSpec().getIntervals())
        .containsExactly(new ScheduleIntervalSpec(Duration.ofDays(7)));
  }

  @Test
  void policiesThatCannotWorkAreRefusedNamingWhy() {
    assertThat(refusal(new BackupSchedulePolicy("c-1", 3600, 3600, 7, 86400)))
        .contains("jitter must be at least 0 and shorter than the backup interval");
    assertThat(refusal(new BackupSchedulePolicy("c-1", 3600, 60, 0, 86400)))
        .contains("at least one backup must be retained");
    assertThat(refusal(new BackupSchedulePolicy("c-1", 1, 0, 7, 86400)))
        .contains("intervals must be at least 10 seconds");
    assertThat(refusal(new BackupSchedulePolicy("../c", 3600, 0, 7, 86400)))
        .contains("cluster id ../c is not usable");
  }

  private static String refusal(BackupSchedulePolicy policy) {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> BackupSchedules.check(policy));
    assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
    assertThat(failure.isNonRetryable()).isTrue();
    return failure.getOriginalMessage();
  }
}
