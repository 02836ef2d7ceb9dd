package io.pgfleet.workers.controlplane.fleet;

import io.temporal.client.schedules.ScheduleClient;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The Schedule of the fleet's regular rollout. */
@Configuration(proxyBeanMethods = false)
public class FleetConfiguration {

  @Bean
  RegularRolloutSchedule regularRolloutSchedule(
      ScheduleClient schedules, RolloutProperties properties) {
    return new RegularRolloutSchedule(schedules, properties);
  }

  /** Once the worker is up: the Schedule as configured (a failure is logged, not fatal). */
  @EventListener(ApplicationReadyEvent.class)
  void applySchedule(ApplicationReadyEvent event) {
    RegularRolloutSchedule schedule =
        event.getApplicationContext().getBean(RegularRolloutSchedule.class);
    try {
      schedule.apply();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(FleetConfiguration.class)
          .warn("regular rollout schedule not applied: {}", e.getMessage());
    }
  }
}
