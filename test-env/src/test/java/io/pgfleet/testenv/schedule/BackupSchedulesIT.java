package io.pgfleet.testenv.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.testenv.temporal.TemporalServer;
import io.pgfleet.workers.controlplane.TemporalBackupSchedules;
import io.pgfleet.workflows.backup.BackupSchedulePolicy;
import io.pgfleet.workflows.backup.schedule.BackupScheduleNaming;
import io.pgfleet.workflows.backup.schedule.ScheduledBackupInput;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.verify.VerifyBackupInput;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster's backup and verify Schedules on the real Temporal dev server (the Java test server has
 * no Schedules): created by ensure, updated by a second ensure, deleted by remove, all idempotent.
 */
class BackupSchedulesIT {

  private static final long HOUR = 3600;
  private static final long DAY = 24 * HOUR;

  /** A triggered action starts within about a second on the dev server; a loaded CI gets room. */
  private static final long ACTION_WAIT_MILLIS = 20_000;

  private static final long POLL_MILLIS = 200;

  private ScheduleClient scheduleClient;
  private TemporalBackupSchedules schedules;
  private String clusterId;

  @BeforeEach
  void connect() {
    SharedTemporal temporal = SharedTemporal.get();
    assertThat(temporal.server().kind())
        .as("Schedules need the CLI dev server (set PGFLEET_TEMPORAL_CLI or run ./pgfleet setup)")
        .isEqualTo(TemporalServer.Kind.DEV_SERVER);
    scheduleClient =
        ScheduleClient.newInstance(
            temporal.serviceStubs(),
            ScheduleClientOptions.newBuilder().setNamespace(temporal.server().namespace()).build());
    schedules = new TemporalBackupSchedules(scheduleClient);
    clusterId = "c-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanUp() {
    if (schedules != null) {
      schedules.remove(clusterId);
    }
  }

  @Test
  void ensureCreatesBothSchedulesWithThePolicysIntervals() {
    schedules.ensure(new BackupSchedulePolicy(clusterId, HOUR, 60, 3, DAY));

    Schedule backup = describe(BackupScheduleNaming.backupScheduleId(clusterId));
    Schedule verify = describe(BackupScheduleNaming.verifyScheduleId(clusterId));

    assertThat(backup.getSpec().getIntervals())
        .extracting(ScheduleIntervalSpec::getEvery)
        .containsExactly(Duration.ofHours(1));
    assertThat(backup.getSpec().getJitter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(backup.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    ScheduleActionStartWorkflow backupAction = (ScheduleActionStartWorkflow) backup.getAction();
    assertThat(backupAction.getWorkflowType()).isEqualTo("ScheduledBackupWorkflow");
    assertThat(backupAction.getOptions().getTaskQueue()).isEqualTo(ClusterWorkflow.TASK_QUEUE);
    assertThat(backupAction.getArguments().get(0, ScheduledBackupInput.class))
        .isEqualTo(new ScheduledBackupInput(clusterId, 3));
    assertThat(verify.getSpec().getIntervals())
        .extracting(ScheduleIntervalSpec::getEvery)
        .containsExactly(Duration.ofDays(1));
    ScheduleActionStartWorkflow verifyAction = (ScheduleActionStartWorkflow) verify.getAction();
    assertThat(verifyAction.getWorkflowType()).isEqualTo("VerifyBackupWorkflow");
    assertThat(verifyAction.getArguments().get(0, VerifyBackupInput.class))
        .isEqualTo(new VerifyBackupInput(clusterId, null, null, null));
  }

  @Test
  void aSecondEnsureUpdatesThemAndKeepsAPause() {
    schedules.ensure(new BackupSchedulePolicy(clusterId, HOUR, 60, 3, DAY));
    scheduleClient.getHandle(BackupScheduleNaming.backupScheduleId(clusterId)).pause("operator");

    schedules.ensure(new BackupSchedulePolicy(clusterId, 2 * HOUR, 120, 5, 7 * DAY));
    schedules.ensure(new BackupSchedulePolicy(clusterId, 2 * HOUR, 120, 5, 7 * DAY));

    Schedule backup = describe(BackupScheduleNaming.backupScheduleId(clusterId));
    assertThat(backup.getSpec().getIntervals())
        .extracting(ScheduleIntervalSpec::getEvery)
        .containsExactly(Duration.ofHours(2));
    assertThat(backup.getSpec().getJitter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(
            ((ScheduleActionStartWorkflow) backup.getAction())
                .getArguments()
                .get(0, ScheduledBackupInput.class))
        .isEqualTo(new ScheduledBackupInput(clusterId, 5));
    assertThat(backup.getState().isPaused()).isTrue();
    assertThat(describe(BackupScheduleNaming.verifyScheduleId(clusterId)).getSpec().getIntervals())
        .extracting(ScheduleIntervalSpec::getEvery)
        .containsExactly(Duration.ofDays(7));
  }

  @Test
  void removeDeletesBothAndARepeatIsFine() {
    schedules.ensure(BackupSchedulePolicy.defaults(clusterId));

    schedules.remove(clusterId);
    schedules.remove(clusterId);

    assertThat(isGone(BackupScheduleNaming.backupScheduleId(clusterId))).isTrue();
    assertThat(isGone(BackupScheduleNaming.verifyScheduleId(clusterId))).isTrue();
  }

  @Test
  void aTriggeredBackupScheduleStartsTheScheduledBackupOnTheControlQueue() throws Exception {
    schedules.ensure(BackupSchedulePolicy.defaults(clusterId));
    String scheduleId = BackupScheduleNaming.backupScheduleId(clusterId);

    scheduleClient.getHandle(scheduleId).trigger();
    String workflowId = awaitFirstAction(scheduleId);
    try {
      WorkflowExecutionStartedEventAttributes started =
          SharedTemporal.get()
              .client()
              .fetchHistory(workflowId)
              .getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes();

      assertThat(workflowId)
          .startsWith(BackupScheduleNaming.scheduledBackupWorkflowId(clusterId) + "-");
      assertThat(started.getWorkflowType().getName()).isEqualTo("ScheduledBackupWorkflow");
      assertThat(started.getTaskQueue().getName()).isEqualTo(ClusterWorkflow.TASK_QUEUE);
      assertThat(
              DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                  0,
                  Optional.of(started.getInput()),
                  ScheduledBackupInput.class,
                  ScheduledBackupInput.class))
          .isEqualTo(new ScheduledBackupInput(clusterId, 7));
    } finally {
      // No worker of this test runs it; don't leave it waiting on the shared server.
      SharedTemporal.get().client().newUntypedWorkflowStub(workflowId).terminate("test done");
    }
  }

  /** The schedule records a triggered action within a second; bounded wait. */
  private String awaitFirstAction(String scheduleId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + ACTION_WAIT_MILLIS;
    while (true) {
      List<ScheduleActionResult> actions =
          scheduleClient.getHandle(scheduleId).describe().getInfo().getRecentActions();
      if (!actions.isEmpty()) {
        return ((ScheduleActionExecutionStartWorkflow) actions.get(0).getAction()).getWorkflowId();
      }
      assertThat(System.currentTimeMillis())
          .as("schedule %s started nothing within %d ms", scheduleId, ACTION_WAIT_MILLIS)
          .isLessThan(deadline);
      Thread.sleep(POLL_MILLIS);
    }
  }

  private Schedule describe(String scheduleId) {
    return scheduleClient.getHandle(scheduleId).describe().getSchedule();
  }

  private boolean isGone(String scheduleId) {
    ScheduleException failure =
        catchThrowableOfType(ScheduleException.class, () -> describe(scheduleId));
    return failure != null
        && failure.getCause() instanceof StatusRuntimeException status
        && status.getStatus().getCode() == Status.Code.NOT_FOUND;
  }
}
