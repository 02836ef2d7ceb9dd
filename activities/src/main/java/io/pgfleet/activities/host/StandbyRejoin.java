package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.host.RejoinResult;
import io.pgfleet.workflows.host.RejoinResult.Method;
import io.pgfleet.workflows.host.StopPostgresInput.ShutdownMode;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rejoinAsStandby: a node streaming from the requested primary is left alone; otherwise it is
 * stopped, rewound from the primary (a fresh base backup when that fails or there is no data),
 * given its own standby configuration again and started.
 */
final class StandbyRejoin {

  private static final Logger LOG = LoggerFactory.getLogger(StandbyRejoin.class);

  /**
   * A fast stop lets the old primary write a shutdown checkpoint; one that hangs (an archiver
   * retrying against an unreachable store) is cut short, pg_rewind recovers the crash itself.
   */
  static final int FAST_STOP_WAIT_SECONDS = 20;

  private final PostgresNode node;
  private final StandbyBuild build;

  StandbyRejoin(PostgresNode node) {
    this.node = node;
    this.build = new StandbyBuild(node);
  }

  RejoinResult run(BuildStandbyInput input) {
    StandbyTarget target = StandbyTarget.of(node, input);
    node.prepare();
    node.storePgPass(target.pgpass());
    if (build.follows(target) && node.server().isRunning() && streaming(target)) {
      return new RejoinResult(new PostgresStatusReader(node).read(), Method.ALREADY_STREAMING);
    }
    // nothing is touched before the new primary is known to be one and holds our slot
    int upstreamTimeline = new UpstreamPrimary(target).prepare();
    refuseToDiscardNewerPrimary(upstreamTimeline, target);
    stop();
    if (node.server().hasCluster() && rewound(target)) {
      build.startAsStandby(target);
      PostgresNodeStatus status = build.awaitStreaming(target);
      if (status.streaming()) {
        return new RejoinResult(status, Method.REWOUND);
      }
      LOG.warn(
          "{} was rewound but does not stream from {}; taking a base backup",
          node.env().address(),
          target.upstreamAddress());
    }
    build.rebuild(target);
    PostgresNodeStatus status = build.awaitStreaming(target);
    if (!status.streaming()) {
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED,
          "PostgreSQL on "
              + node.env().address()
              + " was rebuilt from "
              + target.upstreamAddress()
              + " but does not stream from it within "
              + StandbyBuild.STREAMING_WAIT_MILLIS
              + " ms");
    }
    return new RejoinResult(status, Method.BASE_BACKUP);
  }

  private boolean streaming(StandbyTarget target) {
    try (Connection c = node.connect(target.passwords())) {
      return PostgresAdmin.walReceiver(c)
          .filter(r -> r.streamsFrom(target.upstream().host(), target.upstream().port()))
          .isPresent();
    } catch (SQLException | RuntimeException e) {
      return false; // not answering as a standby: the rejoin below takes care of it
    }
  }

  /** A primary on a timeline as new as the upstream's may hold writes the upstream lacks. */
  private void refuseToDiscardNewerPrimary(int upstreamTimeline, StandbyTarget target) {
    if (!node.server().isRunning()) {
      return;
    }
    PostgresNodeStatus self = new PostgresStatusReader(node).read();
    if (self.role() == PostgresRole.PRIMARY && self.timeline() >= upstreamTimeline) {
      throw node.conflict(
          "PostgreSQL on "
              + node.env().address()
              + " is a primary on timeline "
              + self.timeline()
              + ", not older than "
              + target.upstreamAddress()
              + "'s timeline "
              + upstreamTimeline
              + "; refusing to rewind it");
    }
  }

  private void stop() {
    try {
      node.server().stop(ShutdownMode.FAST, FAST_STOP_WAIT_SECONDS);
    } catch (RuntimeException e) {
      LOG.warn("fast stop of {} failed, stopping immediately", node.env().address(), e);
      node.server().stop(ShutdownMode.IMMEDIATE);
    }
  }

  private boolean rewound(StandbyTarget target) {
    CommandResult result = new PgRewind(node).run(target.upstream());
    if (!result.succeeded()) {
      LOG.warn(
          "pg_rewind of {} from {} failed (exit {}), taking a base backup instead:\n{}",
          node.env().address(),
          target.upstreamAddress(),
          result.exitCode(),
          result.tail());
      return false;
    }
    LOG.info("pg_rewind of {}: {}", node.env().address(), result.tail());
    return true;
  }
}
