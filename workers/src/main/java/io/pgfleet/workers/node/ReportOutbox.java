package io.pgfleet.workers.node;

import io.pgfleet.workflows.cluster.DataPlaneReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports waiting until their cluster's workflow accepts them. Each is signalled until accepted (or
 * until it turns out that no such workflow runs: then it is dropped, logged), with growing pauses
 * after failures; only then its cleanup runs, so a pgpool report file outlives a control plane that
 * is down. Used by one thread.
 */
final class ReportOutbox {

  private static final Logger LOG = LoggerFactory.getLogger(ReportOutbox.class);

  /** First pause after a failed signal: a restarting frontend is back within about this. */
  static final long FIRST_RETRY_MILLIS = 500;

  /** Pauses double up to this, so a long outage costs one attempt per half minute. */
  static final long MAX_RETRY_MILLIS = 30_000;

  /** Bounds memory when nothing can be delivered; report files wait on disk meanwhile. */
  static final int MAX_PENDING = 100;

  private static final class Entry {
    final DataPlaneReport report;
    final Runnable cleanup;
    int failures;
    long nextAttemptAt;
    boolean settled;

    Entry(DataPlaneReport report, Runnable cleanup) {
      this.report = report;
      this.cleanup = cleanup;
    }
  }

  private final FailureSignals signals;
  private final String workflowId;
  private final LongSupplier clock;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  ReportOutbox(FailureSignals signals, String workflowId, LongSupplier clock) {
    this.signals = signals;
    this.workflowId = workflowId;
    this.clock = clock;
  }

  /**
   * Queues a report under {@code key} (e.g. its file name); {@code cleanup} runs once it is
   * settled. Returns false when the key is queued already or the outbox is full.
   */
  boolean offer(String key, DataPlaneReport report, Runnable cleanup) {
    if (entries.containsKey(key) || entries.size() >= MAX_PENDING) {
      return false;
    }
    entries.put(key, new Entry(report, cleanup));
    return true;
  }

  boolean contains(String key) {
    return entries.containsKey(key);
  }

  int size() {
    return entries.size();
  }

  /**
   * Sends every report whose time has come, oldest first; stops at the first failure (the others
   * would most likely fail alike).
   */
  void deliverDue() {
    long now = clock.getAsLong();
    for (String key : List.copyOf(entries.keySet())) {
      Entry entry = entries.get(key);
      if (!entry.settled) {
        if (now < entry.nextAttemptAt) {
          continue;
        }
        if (!send(key, entry, now)) {
          return;
        }
      }
      try {
        entry.cleanup.run();
        entries.remove(key);
      } catch (RuntimeException e) {
        LOG.warn("Report {} was delivered but cannot be cleaned up; trying again", key, e);
      }
    }
  }

  private boolean send(String key, Entry entry, long now) {
    try {
      FailureSignals.Outcome outcome = signals.send(workflowId, entry.report);
      if (outcome == FailureSignals.Outcome.NO_SUCH_WORKFLOW) {
        LOG.warn("Dropping failure report {}: workflow {} does not run", entry.report, workflowId);
      } else {
        LOG.info("Reported to {}: {}", workflowId, entry.report);
      }
      entry.settled = true;
      return true;
    } catch (RuntimeException e) {
      entry.failures++;
      long pause = pause(entry.failures);
      entry.nextAttemptAt = now + pause;
      LOG.warn(
          "Cannot signal {} with report {} (attempt {}); next try in {} ms: {}",
          workflowId,
          key,
          entry.failures,
          pause,
          e.toString());
      return false;
    }
  }

  /** FIRST_RETRY_MILLIS, doubled per further failure, at most MAX_RETRY_MILLIS. */
  static long pause(int failures) {
    int doublings = Math.min(Math.max(failures - 1, 0), 20);
    return Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << doublings);
  }
}
