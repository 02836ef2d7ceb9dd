package io.pgfleet.testenv.cloud.vm;

import io.pgfleet.testenv.cloud.VmAgentLauncher;
import io.pgfleet.workers.node.NodeAgentConfig;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agents running for local VMs, by instance id. Starting an agent that already runs with
 * the same configuration does nothing, with a changed configuration restarts it, as a BOSH agent
 * restarts a job whose rendered templates changed.
 */
final class AgentSupervisor {

  private static final Logger LOG = LoggerFactory.getLogger(AgentSupervisor.class);

  private record Running(NodeAgentConfig config, AutoCloseable handle) {}

  private final VmAgentLauncher launcher;
  private final Map<String, Running> running = new HashMap<>();

  AgentSupervisor(VmAgentLauncher launcher) {
    this.launcher = launcher;
  }

  /** Launches outside the monitor: a slow start must not block job-state queries. */
  void start(NodeAgentConfig config) throws Exception {
    synchronized (this) {
      Running current = running.get(config.instanceId());
      if (current != null && current.config().equals(config)) {
        return;
      }
      stop(config.instanceId());
    }
    LOG.info("Starting node agent on {} ({})", config.taskQueue(), config.address());
    AutoCloseable handle = launcher.start(config);
    synchronized (this) {
      running.put(config.instanceId(), new Running(config, handle));
    }
  }

  synchronized void stop(String instanceId) {
    Running current = running.remove(instanceId);
    if (current == null) {
      return;
    }
    LOG.info("Stopping node agent on {}", current.config().taskQueue());
    try {
      current.handle().close();
    } catch (Exception e) {
      LOG.warn("Node agent of instance {} did not stop cleanly", instanceId, e);
    }
  }

  synchronized boolean isRunning(String instanceId) {
    return running.containsKey(instanceId);
  }

  synchronized void stopAll() {
    for (String instanceId : Map.copyOf(running).keySet()) {
      stop(instanceId);
    }
  }
}
