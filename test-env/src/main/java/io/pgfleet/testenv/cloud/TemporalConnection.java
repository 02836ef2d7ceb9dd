package io.pgfleet.testenv.cloud;

import io.pgfleet.workers.node.NodeAgent;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * The node agents' Temporal clients. The shared one is the client given to the builder, or one
 * connected on first use to the configured address (so a local cloud whose VMs never start never
 * connects). An agent whose manifest names another address, namespace or codec keys gets a client
 * for that, made once and shared by every agent naming the same.
 */
final class TemporalConnection implements AutoCloseable {

  private final LocalCloudSettings settings;
  private final Map<NodeAgentConfig.Temporal, WorkflowClient> others = new HashMap<>();
  private final Map<String, WorkflowServiceStubs> otherStubs = new HashMap<>();
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;

  TemporalConnection(LocalCloudSettings settings) {
    this.settings = settings;
    this.client = settings.workflowClient();
  }

  synchronized WorkflowClient client() {
    if (client == null) {
      stubs = connect(settings.temporalAddress());
      client = WorkflowClient.newInstance(stubs, namespace(settings.temporalNamespace()));
    }
    return client;
  }

  /**
   * The client for an agent configuration's Temporal target. A target with codec keys gets a client
   * that encrypts with those keys, as the agent on a real VM would build from its configuration.
   */
  synchronized WorkflowClient client(NodeAgentConfig.Temporal target) {
    if (target == null
        || (settings.temporalAddress().equals(target.address())
            && settings.temporalNamespace().equals(target.namespace())
            && target.codecKeys() == null)) {
      return client();
    }
    return others.computeIfAbsent(
        target,
        t -> {
          WorkflowServiceStubs to =
              settings.temporalAddress().equals(t.address())
                  ? client().getWorkflowServiceStubs()
                  : otherStubs.computeIfAbsent(t.address(), TemporalConnection::connect);
          return WorkflowClient.newInstance(to, NodeAgent.clientOptions(t));
        });
  }

  private static WorkflowServiceStubs connect(String address) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
  }

  private static WorkflowClientOptions namespace(String namespace) {
    return WorkflowClientOptions.newBuilder().setNamespace(namespace).build();
  }

  @Override
  public synchronized void close() {
    otherStubs.values().forEach(WorkflowServiceStubs::shutdown);
    if (stubs != null) {
      stubs.shutdown();
    }
  }
}
