package io.pgfleet.workers.node;

import io.pgfleet.activities.host.HostEnvironment;
import io.pgfleet.activities.host.PostgresHostActivitiesImpl;
import io.pgfleet.workflows.host.ArchiveStatus;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the local archiver every {@link #PERIOD_MILLIS} and signals the cluster what {@link
 * ArchiveHealthWatch} says changed. Runs on the failure reporter's thread, between its faster
 * polls.
 */
final class ArchivePoll {

  private static final Logger LOG = LoggerFactory.getLogger(ArchivePoll.class);

  /**
   * One local query and a directory listing; archiving problems matter within minutes (PITR loses
   * ground), so every 10 s is prompt and cheap.
   */
  static final long PERIOD_MILLIS = 10_000;

  private final ArchiveHealthWatch watch;
  private final Supplier<Optional<ArchiveStatus>> reader;
  private final FailureSignals signals;
  private final String workflowId;
  private long lastPollMillis = Long.MIN_VALUE;

  ArchivePoll(
      ArchiveHealthWatch watch,
      Supplier<Optional<ArchiveStatus>> reader,
      FailureSignals signals,
      String workflowId) {
    this.watch = watch;
    this.reader = reader;
    this.signals = signals;
    this.workflowId = workflowId;
  }

  /** The archiver as the host activity reads it; empty while PostgreSQL cannot answer. */
  static Supplier<Optional<ArchiveStatus>> reader(HostEnvironment env) {
    PostgresHostActivitiesImpl host = new PostgresHostActivitiesImpl(env);
    return () -> {
      try {
        return Optional.of(host.archiveStatus());
      } catch (RuntimeException e) {
        LOG.debug("Archiver status not readable on {}", env.address(), e);
        return Optional.empty();
      }
    };
  }

  void pollIfDue(long now) {
    if (lastPollMillis != Long.MIN_VALUE && now - lastPollMillis < PERIOD_MILLIS) {
      return;
    }
    lastPollMillis = now;
    watch
        .observe(reader.get(), now)
        .ifPresent(
            report -> {
              try {
                FailureSignals.Outcome outcome = signals.send(workflowId, report);
                // a cluster workflow that is gone has nothing to be told: not retried either
                watch.delivered(report);
                LOG.info("WAL archiving {} reported to {}: {}", report, workflowId, outcome);
              } catch (RuntimeException e) {
                LOG.warn(
                    "WAL archiving report to {} not delivered, retried next poll", workflowId, e);
              }
            });
  }
}
