package io.pgfleet.testenv.cloud;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/**
 * The node agents' shared Temporal client: the one given to the builder, or one connected on first
 * use to the configured address (so a local cloud whose VMs never start never connects).
 */
final class TemporalConnection implements AutoCloseable {

  private final LocalCloudSettings settings;
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;

  TemporalConnection(LocalCloudSettings settings) {
    this.settings = settings;
    this.client = settings.workflowClient();
  }

  synchronized WorkflowClient client() {
    if (client == null) {
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(settings.temporalAddress())
                  .build());
      client =
          WorkflowClient.newInstance(
              stubs,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(settings.temporalNamespace())
                  .build());
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (stubs != null) {
      stubs.shutdown();
    }
  }
}
