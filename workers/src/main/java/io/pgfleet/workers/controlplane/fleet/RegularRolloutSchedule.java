package io.pgfleet.workers.controlplane.fleet;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.rollout.FleetRolloutInput;
import io.pgfleet.workflows.rollout.FleetRolloutWorkflow;
import io.pgfleet.workflows.rollout.FleetSelector;
import io.pgfleet.workflows.rollout.RolloutChange;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Temporal Schedule that starts the fleet's regular rollout in line with {@link
 * RolloutProperties}: created when missing, updated when the settings changed, deleted when
 * disabled. Each run is a {@code FleetRolloutWorkflow} whose id the Schedule suffixes with the
 * start time, so the rollout id is {@code regular-<time>}.
 */
public final class RegularRolloutSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(RegularRolloutSchedule.class);
  public static final String SCHEDULE_ID = "rollout/regular";
  static final String WORKFLOW_ID = "rollout/regular";

  private final ScheduleClient schedules;
  private final RolloutProperties properties;

  public RegularRolloutSchedule(ScheduleClient schedules, RolloutProperties properties) {
    this.schedules = schedules;
    this.properties = properties;
  }

  /** Idempotent: the Schedule ends up as the properties say, whatever it was before. */
  public void apply() {
    ScheduleHandle handle = schedules.getHandle(SCHEDULE_ID);
    if (!properties.scheduled()) {
      deleteIfPresent(handle);
      return;
    }
    Schedule wanted = schedule();
    try {
      schedules.createSchedule(SCHEDULE_ID, wanted, ScheduleOptions.newBuilder().build());
      LOG.info("regular rollout scheduled every {}", properties.interval());
    } catch (ScheduleAlreadyRunningException e) {
      handle.update(input -> new ScheduleUpdate(wanted));
      LOG.info("regular rollout schedule updated: every {}", properties.interval());
    }
  }

  Schedule schedule() {
    FleetRolloutInput input =
        new FleetRolloutInput(
            null,
            FleetSelector.all(),
            new RolloutChange("regular update: current release and stemcell", Map.of(), true),
            properties.canaries(),
            properties.maxInFlight(),
            properties.maxFailureRatio(),
            properties.canaryHealthWait().toSeconds(),
            true,
            null);
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(FleetRolloutWorkflow.class)
                .setArguments(input)
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(WORKFLOW_ID)
                        .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(List.of(new ScheduleIntervalSpec(properties.interval())))
                .build())
        // a rollout still running (paused, waiting for windows) is not joined by the next one
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .build())
        .build();
  }

  private static void deleteIfPresent(ScheduleHandle handle) {
    try {
      handle.delete();
      LOG.info("regular rollout schedule deleted (pgfleet.rollout.scheduled=false)");
    } catch (RuntimeException e) {
      if (!notFound(e)) {
        throw e;
      }
    }
  }

  static boolean notFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }
}
