package io.pgfleet.workers.controlplane;

import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The activities that act through the worker's own Temporal client: schedules, cluster Updates. */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

  /** Same connection, namespace and (encrypting) converter as the worker's workflow client. */
  @Bean
  ScheduleClient scheduleClient(WorkerFactory factory) {
    WorkflowClient client = factory.getWorkflowClient();
    return ScheduleClient.newInstance(
        client.getWorkflowServiceStubs(),
        ScheduleClientOptions.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setDataConverter(client.getOptions().getDataConverter())
            .build());
  }

  @Bean
  TemporalBackupSchedules backupSchedules(ScheduleClient schedules) {
    return new TemporalBackupSchedules(schedules);
  }

  @Bean
  TemporalClusterRequests clusterRequests(WorkerFactory factory) {
    return new TemporalClusterRequests(factory.getWorkflowClient());
  }
}
