package io.pgfleet.testenv.temporal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process by pid: SIGTERM, then SIGKILL once a grace period has passed. */
public final class ProcessStopper {

  /** A killed process is reaped by the kernel almost at once; this bounds the wait for that. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private ProcessStopper() {}

  /**
   * Stops {@code pid} and any children it started. Returns true once none of them is alive; a pid
   * that is already gone counts as stopped.
   */
  public static boolean stop(long pid, Duration grace) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      return true;
    }
    List<ProcessHandle> descendants = handle.get().descendants().toList();
    handle.get().destroy();
    if (!awaitExit(handle.get(), grace)) {
      handle.get().destroyForcibly();
      awaitExit(handle.get(), KILL_WAIT);
    }
    for (ProcessHandle child : descendants) {
      if (child.isAlive()) {
        child.destroyForcibly();
        awaitExit(child, KILL_WAIT);
      }
    }
    return !handle.get().isAlive() && descendants.stream().noneMatch(ProcessHandle::isAlive);
  }

  private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }
}
