package io.pgfleet.workers.controlplane;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection to Temporal. Explicit beans rather than the starter's package scanning. */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

  @Bean(destroyMethod = "shutdownNow")
  WorkflowServiceStubs workflowServiceStubs(ControlPlaneProperties properties) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(properties.temporal().address())
            .build());
  }

  @Bean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, ControlPlaneProperties properties) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder().setNamespace(properties.temporal().namespace()).build());
  }

  @Bean(destroyMethod = "shutdownNow")
  WorkerFactory workerFactory(WorkflowClient client) {
    return WorkerFactory.newInstance(client);
  }
}
