package io.pgfleet.testenv.cloud.ec2;

import io.pgfleet.testenv.cloud.VmAgentLauncher;
import io.pgfleet.workers.node.NodeAgentConfig;
import java.util.HashSet;
import java.util.Set;

/** A launcher that starts no agent process, only remembers which instances' agents are up. */
final class AgentRecorder implements VmAgentLauncher {

  private final Set<String> running = new HashSet<>();

  @Override
  public synchronized AutoCloseable start(NodeAgentConfig config) {
    running.add(config.instanceId());
    return () -> {
      synchronized (this) {
        running.remove(config.instanceId());
      }
    };
  }

  synchronized boolean isRunning(String instanceId) {
    return running.contains(instanceId);
  }
}
