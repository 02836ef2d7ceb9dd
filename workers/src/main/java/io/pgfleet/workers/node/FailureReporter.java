package io.pgfleet.workers.node;

import io.pgfleet.activities.bosh.ManifestActivitiesImpl;
import io.pgfleet.activities.host.HostEnvironment;
import io.pgfleet.activities.host.PgpoolFailureReport;
import io.pgfleet.activities.host.StandbyStreamProbe;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the cluster's workflow ({@code cluster/<cluster_id>}) what the data plane on this VM sees
 * fail: on a pgpool VM the reports of pgpool's failover hook, on a PostgreSQL VM the loss of the
 * standby's replication stream and, on the primary, each change of WAL archiving's health. One
 * background thread per agent polls; a failing poll is logged and the next one runs, so the agent
 * never stops because of it.
 */
final class FailureReporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FailureReporter.class);

  /** pgpool wrote its report after its vote: pass it on with little delay. */
  static final long PGPOOL_POLL_MILLIS = 200;

  /** Twice a second keeps a lost stream's report within ~0.5 s of its tolerance. */
  static final long STANDBY_POLL_MILLIS = 500;

  /** A poll in progress (a signal, a query) finishes within this or is abandoned. */
  private static final long STOP_WAIT_MILLIS = 5_000;

  private final ScheduledExecutorService thread;
  private final AutoCloseable resource;
  private String lastProblem;

  private FailureReporter(String name, Runnable poll, long periodMillis, AutoCloseable resource) {
    this.resource = resource;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    thread.scheduleWithFixedDelay(
        () -> guarded(poll), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Starts the reporter this VM needs; none for a VM outside a cluster or of another group. */
  static Optional<FailureReporter> start(
      NodeAgentConfig config, HostEnvironment env, FailureSignals signals, LongSupplier clock) {
    Optional<String> clusterId = clusterId(config);
    if (clusterId.isEmpty()) {
      LOG.info("No failure reporter on {}: no pgfleet.cluster_id property", config.taskQueue());
      return Optional.empty();
    }
    String reporter = config.instanceGroup() + "/" + config.index();
    ReportOutbox outbox =
        new ReportOutbox(signals, ClusterWorkflow.workflowId(clusterId.get()), clock);
    String name = "failure-reporter-" + config.instanceId();
    if (ManifestActivitiesImpl.PGPOOL_GROUP.equals(config.instanceGroup())) {
      PgpoolReportSource source =
          new PgpoolReportSource(PgpoolFailureReport.directory(env), reporter, outbox);
      Runnable poll =
          () -> {
            source.poll();
            outbox.deliverDue();
          };
      return Optional.of(new FailureReporter(name, poll, PGPOOL_POLL_MILLIS, () -> {}));
    }
    if (ManifestActivitiesImpl.POSTGRES_GROUP.equals(config.instanceGroup())) {
      StandbyStreamProbe probe = new StandbyStreamProbe(env);
      StreamLossWatch watch = new StreamLossWatch(reporter);
      ArchivePoll archive =
          new ArchivePoll(
              new ArchiveHealthWatch(reporter),
              ArchivePoll.reader(env),
              signals,
              ClusterWorkflow.workflowId(clusterId.get()));
      Runnable poll =
          () -> {
            long now = clock.getAsLong();
            archive.pollIfDue(now);
            watch
                .observe(probe.read(), now)
                .ifPresent(
                    report -> {
                      if (!outbox.offer("stream-loss-" + report.atMillis(), report, () -> {})) {
                        LOG.warn("Failure report outbox full, dropping {}", report);
                      }
                    });
            outbox.deliverDue();
          };
      return Optional.of(new FailureReporter(name, poll, STANDBY_POLL_MILLIS, probe));
    }
    return Optional.empty();
  }

  /** {@code pgfleet.cluster_id} from the job's properties, as the manifest renders it. */
  static Optional<String> clusterId(NodeAgentConfig config) {
    Map<String, Object> properties = config.properties();
    if (properties != null
        && properties.get("pgfleet") instanceof Map<?, ?> pgfleet
        && pgfleet.get("cluster_id") instanceof String id
        && !id.isBlank()) {
      return Optional.of(id);
    }
    return Optional.empty();
  }

  /** Stops polling and waits briefly for a poll in progress. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        LOG.warn("Failure reporter did not stop within {} ms", STOP_WAIT_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      resource.close();
    } catch (Exception e) {
      LOG.debug("Failure reporter resource did not close cleanly", e);
    }
  }

  /** A throw would end the schedule: log it (once per distinct problem) and poll on. */
  private void guarded(Runnable poll) {
    try {
      poll.run();
      lastProblem = null;
    } catch (Throwable t) {
      if (Thread.currentThread().isInterrupted()) {
        return; // stopping
      }
      String problem = t.toString();
      if (!problem.equals(lastProblem)) {
        LOG.warn("Failure reporter poll failed; polling on", t);
      }
      lastProblem = problem;
    }
  }
}
