package io.pgfleet.workers.controlplane;

import io.pgfleet.codec.EncryptionKeys;
import io.pgfleet.codec.PgfleetDataConverter;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
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

  /** Encrypts every payload; without keys the worker stops here, naming the setting. */
  @Bean
  DataConverter dataConverter(ControlPlaneProperties properties) {
    return PgfleetDataConverter.create(EncryptionKeys.fromSetting(properties.codec().keys()));
  }

  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, ControlPlaneProperties properties, DataConverter converter) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(properties.temporal().namespace())
            .setDataConverter(converter)
            .build());
  }

  @Bean(destroyMethod = "shutdownNow")
  WorkerFactory workerFactory(WorkflowClient client) {
    return WorkerFactory.newInstance(client);
  }
}
