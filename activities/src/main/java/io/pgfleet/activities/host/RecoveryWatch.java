package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.RecoveryOutcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * awaitRecovery: starts PostgreSQL on a prepared restore and watches it, heartbeating, until it is
 * promoted or its postmaster exits. Only the start and the end hold the node's lock, so status
 * reads and other work go on during a long recovery.
 */
final class RecoveryWatch {

  /** Recovery takes seconds to hours; half a second adds nothing noticeable to either. */
  private static final long POLL_MILLIS = 500;

  /**
   * A postmaster writes its pid file within milliseconds of its launch; a loaded VM gets room
   * before a missing one counts as a failed start.
   */
  private static final Duration STARTUP_GRACE = Duration.ofSeconds(30);

  private final PostgresNode node;
  private final RecoveryCompletion completion;
  private final Object lock;
  private final Duration fallbackWait;

  /**
   * @param lock the node's change lock
   * @param fallbackWait how long to wait outside a Temporal activity (inside: its timeout)
   */
  RecoveryWatch(PostgresNode node, PgBackRestFiles pgBackRest, Object lock, Duration fallbackWait) {
    this.node = node;
    this.completion = new RecoveryCompletion(node, pgBackRest);
    this.lock = lock;
    this.fallbackWait = fallbackWait;
  }

  RecoveryOutcome run() {
    ActivityPulse pulse = ActivityPulse.current(fallbackWait);
    boolean launched;
    synchronized (lock) {
      node.prepare();
      HostFiles.read(node.layout().restoreMarkerFile())
          .flatMap(RestoreMarker::parse)
          .orElseThrow(
              () ->
                  node.conflict(
                      "no restore prepared on " + node.env().address() + "; run prepareRestore"));
      Optional<RecoveryOutcome> done = completion.stored();
      if (done.isPresent()) {
        node.start();
        completion.tidy();
        return done.get();
      }
      if (!node.server().hasCluster()) {
        throw node.conflict("no PostgreSQL data directory at " + node.layout().pgData());
      }
      launched = begin();
    }
    return watch(pulse, launched);
  }

  /** Launches the recovery unless the server runs; true when it was launched now. */
  private boolean begin() {
    if (node.server().isRunning()) {
      node.server().recordPid();
      return false;
    }
    if (!new RestoredDataDir(node.layout().pgData(), node.files()).recoverySignalled()) {
      // promoted before, its outcome not kept: start it to read what is still known
      node.start();
      return false;
    }
    long offset = RecoveryLog.size(logFile());
    node.files().update(node.layout().recoveryLogOffsetFile(), offset + "\n");
    node.server().launch();
    node.config().markApplied();
    return true;
  }

  private RecoveryOutcome watch(ActivityPulse pulse, boolean launched) {
    long since = System.nanoTime();
    Path pgData = node.layout().pgData();
    Connection c = null;
    String seen = "starting";
    try {
      while (true) {
        Optional<PostmasterPid> pid = PostmasterPid.read(pgData);
        if (pid.isPresent() && ProcessProbe.alive(pid.get().pid())) {
          node.server().recordPid();
          seen = pid.get().status();
          c = c == null && pid.get().acceptsConnections() ? connect() : c;
          if (c != null) {
            try {
              Optional<String> replay = replayed(c);
              if (replay.isEmpty()) {
                return complete(c);
              }
              seen = "recovering, replayed up to " + replay.get();
            } catch (SQLException e) {
              c = close(c); // a broken session: the next poll connects anew
            }
          }
        } else if (!launched
            || Duration.ofNanos(System.nanoTime() - since).compareTo(STARTUP_GRACE) > 0
            || log().failure().isPresent()) {
          throw exited();
        }
        pulse.beat(seen);
        if (pulse.expired()) {
          throw HostFailures.of(
              FailureType.HOST_COMMAND_FAILED,
              "PostgreSQL on " + node.env().address() + " is still recovering (" + seen + ")");
        }
        SwitchoverWriteHold.sleep(POLL_MILLIS);
      }
    } finally {
      close(c);
    }
  }

  private RecoveryOutcome complete(Connection promoted) {
    synchronized (lock) {
      try {
        RecoveryOutcome outcome = completion.record(promoted, log());
        completion.tidy();
        return outcome;
      } catch (SQLException e) {
        throw node.sqlFailure("reading where recovery stopped", e);
      }
    }
  }

  /** The postmaster is gone without a promotion: PostgreSQL gave up, and stays down. */
  private RuntimeException exited() {
    node.server().forgetPid();
    RecoveryLog log = log();
    String why =
        log.failure().orElse("no FATAL line in " + logFile() + "; it ends:\n" + log.tail());
    return HostFailures.of(
        FailureType.RECOVERY_TARGET_NOT_REACHED,
        "PostgreSQL on "
            + node.env().address()
            + " stopped during recovery without reaching its target and is down: "
            + why);
  }

  /** The replay position while in recovery, empty once promoted. */
  private static Optional<String> replayed(Connection c) throws SQLException {
    return Optional.ofNullable(
        AgentSql.value(
            c,
            "SELECT CASE WHEN pg_is_in_recovery()"
                + " THEN coalesce(pg_last_wal_replay_lsn()::text, 'nothing yet') END"));
  }

  /** A session, or null while the server turns connections away. */
  private Connection connect() {
    try {
      return AgentSql.connect(node);
    } catch (RuntimeException notYet) {
      return null;
    }
  }

  private static Connection close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // a broken session is replaced by a new one
      }
    }
    return null;
  }

  private RecoveryLog log() {
    long offset =
        HostFiles.read(node.layout().recoveryLogOffsetFile())
            .map(String::strip)
            .filter(text -> text.matches("[0-9]{1,18}"))
            .map(Long::parseLong)
            .orElse(0L);
    return RecoveryLog.read(logFile(), offset);
  }

  private Path logFile() {
    return node.layout().logFile(HostLayout.POSTGRES);
  }
}
