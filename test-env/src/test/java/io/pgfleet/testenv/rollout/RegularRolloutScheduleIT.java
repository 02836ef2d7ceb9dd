package io.pgfleet.testenv.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workers.controlplane.fleet.RegularRolloutSchedule;
import io.pgfleet.workers.controlplane.fleet.RolloutProperties;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The regular rollout's Temporal Schedule on the real dev server: created, updated, deleted. */
class RegularRolloutScheduleIT {

  private final SharedTemporal temporal = SharedTemporal.get();
  private final ScheduleClient schedules =
      ScheduleClient.newInstance(
          temporal.serviceStubs(),
          ScheduleClientOptions.newBuilder()
              .setNamespace(temporal.client().getOptions().getNamespace())
              .build());

  @AfterEach
  void deleteSchedule() {
    apply(false, Duration.ofDays(14));
  }

  @Test
  void theScheduleFollowsTheSettings() {
    apply(true, Duration.ofDays(14));
    ScheduleDescription created = describe();
    assertThat(created.getSchedule().getSpec().getIntervals())
        .singleElement()
        .satisfies(i -> assertThat(i.getEvery()).isEqualTo(Duration.ofDays(14)));
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow) created.getSchedule().getAction();
    assertThat(action.getWorkflowType()).isEqualTo("FleetRolloutWorkflow");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("rollout/regular");

    apply(true, Duration.ofDays(7));
    assertThat(describe().getSchedule().getSpec().getIntervals())
        .singleElement()
        .satisfies(i -> assertThat(i.getEvery()).isEqualTo(Duration.ofDays(7)));

    apply(false, Duration.ofDays(7));
    assertThatThrownBy(this::describe).rootCause().hasMessageContaining("NOT_FOUND");
    apply(false, Duration.ofDays(7)); // deleting what is gone is fine
  }

  private void apply(boolean scheduled, Duration interval) {
    new RegularRolloutSchedule(
            schedules,
            new RolloutProperties(scheduled, interval, 1, 5, 0.2, Duration.ofMinutes(10)))
        .apply();
  }

  private ScheduleDescription describe() {
    return schedules.getHandle(RegularRolloutSchedule.SCHEDULE_ID).describe();
  }
}
