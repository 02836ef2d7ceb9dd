package io.pgfleet.testenv.bench.backup;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A started {@link BenchStack} that is stopped exactly once: at the end of the run or, on Ctrl-C,
 * by a shutdown hook, so no VM process (PostgreSQL, pgBackRest) outlives the benchmark.
 */
final class BenchRun implements AutoCloseable {

  private final BenchStack stack;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread hook = new Thread(this::stopQuietly, "bench-stop");

  private BenchRun(BenchStack stack) {
    this.stack = stack;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  static BenchRun start(Path work, Path s3proxyJar, Class<?>... workflowTypes) throws Exception {
    Progress.say("starting Temporal, S3Proxy and the local cloud");
    return new BenchRun(new BenchStack(work, s3proxyJar, workflowTypes));
  }

  BenchStack stack() {
    return stack;
  }

  @Override
  public void close() throws Exception {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs (or ran) already
    }
    stop();
  }

  private void stop() throws Exception {
    if (closed.compareAndSet(false, true)) {
      Progress.say("stopping the VM, the local cloud and S3Proxy");
      stack.close();
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (Exception e) {
      System.err.println("stopping the benchmark's processes failed: " + e);
    }
  }
}
