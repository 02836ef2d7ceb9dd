package io.pgfleet.testenv.cloud;

import io.pgfleet.workers.node.NodeAgent;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.temporal.client.WorkflowClient;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The default launcher: runs every VM's node agent in this process, each a Temporal worker on its
 * own task queue {@code node/<deployment>/<instance-id>}, with a client for the Temporal frontend,
 * namespace and payload codec keys its rendered configuration names (shared by all agents that name
 * the same).
 */
public final class NodeAgentLauncher implements VmAgentLauncher {

  private final Function<NodeAgentConfig.Temporal, WorkflowClient> clients;

  /**
   * @param clients the client for a configuration's Temporal target, made on first use, so no
   *     connection is made before an agent starts
   */
  public NodeAgentLauncher(Function<NodeAgentConfig.Temporal, WorkflowClient> clients) {
    this.clients = clients;
  }

  /** Every agent uses this one client, whatever its configuration names. */
  public NodeAgentLauncher(Supplier<WorkflowClient> client) {
    this(target -> client.get());
  }

  @Override
  public AutoCloseable start(NodeAgentConfig config) {
    return NodeAgent.start(config, clients.apply(config.temporal()));
  }
}
