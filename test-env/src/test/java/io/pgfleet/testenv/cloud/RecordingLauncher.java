package io.pgfleet.testenv.cloud;

import io.pgfleet.workers.node.NodeAgentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A VmAgentLauncher that starts nothing: it records every configuration it was asked to start and
 * which agents are open. {@link #holdStarts()} makes starts block until {@link #release()}, to keep
 * a task running (and its deployment locked).
 */
final class RecordingLauncher implements VmAgentLauncher {

  /** Upper bound for a held start, so a broken test cannot hang the build. */
  private static final long HOLD_LIMIT_SECONDS = 30;

  private final List<NodeAgentConfig> started = new ArrayList<>();
  private final List<NodeAgentConfig> running = new ArrayList<>();
  private volatile CountDownLatch hold;
  private final CountDownLatch holding = new CountDownLatch(1);

  @Override
  public AutoCloseable start(NodeAgentConfig config) throws Exception {
    CountDownLatch gate = hold;
    if (gate != null) {
      holding.countDown();
      if (!gate.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("held start was never released");
      }
    }
    synchronized (this) {
      started.add(config);
      running.add(config);
    }
    return () -> {
      synchronized (this) {
        running.remove(config);
      }
    };
  }

  void holdStarts() {
    hold = new CountDownLatch(1);
  }

  /** Waits until some start is being held. */
  void awaitHeldStart() throws InterruptedException {
    if (!holding.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no agent start was held");
    }
  }

  void release() {
    CountDownLatch gate = hold;
    hold = null;
    if (gate != null) {
      gate.countDown();
    }
  }

  synchronized List<NodeAgentConfig> started() {
    return List.copyOf(started);
  }

  synchronized List<NodeAgentConfig> running() {
    return List.copyOf(running);
  }

  synchronized boolean isRunning(String instanceId) {
    return running.stream().anyMatch(c -> c.instanceId().equals(instanceId));
  }
}
