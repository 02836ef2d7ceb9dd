package io.pgfleet.testenv.cloud;

import io.pgfleet.workers.node.NodeAgent;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.temporal.client.WorkflowClient;
import java.util.function.Supplier;

/**
 * The default launcher: runs every VM's node agent in this process, each a Temporal worker on its
 * own task queue {@code node/<deployment>/<instance-id>}, sharing one WorkflowClient.
 */
public final class NodeAgentLauncher implements VmAgentLauncher {

  private final Supplier<WorkflowClient> client;

  /**
   * @param client supplies the shared client on first use, so no connection is made before
   */
  public NodeAgentLauncher(Supplier<WorkflowClient> client) {
    this.client = client;
  }

  @Override
  public AutoCloseable start(NodeAgentConfig config) {
    return NodeAgent.start(config, client.get());
  }
}
