package io.pgfleet.testenv.cloud.task;

import io.pgfleet.testenv.cloud.DirectorError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Director's {@code lock:deployment:<name>} locks. A mutating task takes its deployment's lock
 * when it starts running (not when it is submitted) and waits a while for it; a busy deployment
 * makes the task fail with BOSH's lock text, which clients recognise and retry.
 */
public final class DeploymentLocks {

  /** BOSH polls a held lock every 0.5 s; the local cloud is quicker so tests stay fast. */
  private static final long POLL_MILLIS = 50;

  /** BOSH's lock expiry: a held lock reports "now + 240 s" because a thread keeps renewing it. */
  private static final Duration EXPIRATION = Duration.ofSeconds(240);

  /** One held lock as {@code GET /locks} lists it. */
  public record Held(String deployment, String uid, long taskId, String description) {
    public String name() {
      return "lock:deployment:" + deployment;
    }

    /** The lock's expiry in BOSH's {@code %s.%6N} form. */
    public String timeout() {
      long micros = (System.currentTimeMillis() + EXPIRATION.toMillis()) * 1000;
      return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
  }

  private final Map<String, Held> held = new LinkedHashMap<>();

  /**
   * Takes the deployment's lock for a task, waiting up to {@code wait}.
   *
   * @param checkpoint called while waiting, so a cancelled task stops waiting
   * @throws DirectorError code 100 with BOSH's "Failed to acquire lock …" text on timeout
   */
  public AutoCloseable acquire(
      String deployment, long taskId, String description, Duration wait, Runnable checkpoint)
      throws InterruptedException {
    String uid = UUID.randomUUID().toString();
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Held holder;
      synchronized (this) {
        holder = held.get(deployment);
        if (holder == null) {
          Held mine = new Held(deployment, uid, taskId, description);
          held.put(deployment, mine);
          return () -> release(mine);
        }
      }
      checkpoint.run();
      if (System.nanoTime() > deadline) {
        throw DirectorError.generic(
            "Failed to acquire lock for "
                + holder.name()
                + " uid: "
                + uid
                + ". Locking task id is "
                + holder.taskId()
                + ", description: '"
                + holder.description()
                + "', deployment: '"
                + deployment
                + "'");
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  public synchronized List<Held> held() {
    return new ArrayList<>(held.values());
  }

  private synchronized void release(Held lock) {
    held.remove(lock.deployment(), lock);
  }
}
