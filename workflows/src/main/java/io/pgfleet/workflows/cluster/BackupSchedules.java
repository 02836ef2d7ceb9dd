package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.backup.BackupScheduleActivities;
import io.pgfleet.workflows.backup.BackupSchedulePolicy;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepRecorder;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The cluster's backup and verification schedules: created with the default policy once a provision
 * succeeded, removed once a deprovision did. Best effort, recorded as a step of that operation: a
 * cluster without its schedule is still a working cluster (operators see the failed step and back
 * it up by hand), and a schedule left behind only starts backups the deleted cluster refuses.
 */
final class BackupSchedules {

  /**
   * Version marker of this change: histories recorded before it have no schedule calls and replay
   * without them.
   */
  static final String CHANGE_ID = "backup-schedules";

  private static final int WITH_SCHEDULES = 1;

  /**
   * Creating or deleting a Temporal Schedule is one call to the service, seconds at most. A few
   * attempts ride out a blip; schedule-to-close bounds the whole step (also when no worker offers
   * the activity), so an operation is held two minutes at most.
   */
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(20))
                  .setMaximumAttempts(4)
                  .build())
          .build();

  private final Logger log = Workflow.getLogger(BackupSchedules.class);
  private final ClusterEntity cluster;
  private final BackupScheduleActivities port =
      Workflow.newActivityStub(BackupScheduleActivities.class, OPTIONS);

  BackupSchedules(ClusterEntity cluster) {
    this.cluster = cluster;
  }

  /** After a successful provision: the default schedules, as a step of {@code done}. */
  OperationView ensure(OperationView done) {
    return step(
        done,
        "ensure backup schedules",
        () -> port.ensure(BackupSchedulePolicy.defaults(cluster.clusterId)));
  }

  /** After a successful deprovision: no schedules left, as a step of {@code done}. */
  OperationView remove(OperationView done) {
    return step(done, "remove backup schedules", () -> port.remove(cluster.clusterId));
  }

  private OperationView step(OperationView done, String name, Functions.Proc call) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, WITH_SCHEDULES)
        == Workflow.DEFAULT_VERSION) {
      return done;
    }
    long start = Workflow.currentTimeMillis();
    StepView step;
    try {
      call.apply();
      step =
          new StepView(name, OperationState.SUCCEEDED, start, Workflow.currentTimeMillis(), null);
    } catch (ActivityFailure failure) {
      String why = StepRecorder.rootMessage(failure);
      log.warn("cluster {}: {} failed: {}", cluster.clusterId, name, why);
      step = new StepView(name, OperationState.FAILED, start, Workflow.currentTimeMillis(), why);
    }
    return OperationViews.withStep(done, step);
  }
}
