package io.pgfleet.testenv.cloud;

import io.pgfleet.workers.node.NodeAgentConfig;

/**
 * Starts the node agent of one local VM from its rendered job configuration, the way a BOSH agent
 * would start the node-agent job. The returned handle stops the agent (not the processes it
 * started: those belong to the VM).
 */
@FunctionalInterface
public interface VmAgentLauncher {
  AutoCloseable start(NodeAgentConfig config) throws Exception;
}
