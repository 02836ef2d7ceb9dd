package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.AwaitWalInput;
import io.pgfleet.workflows.host.AwaitWalInput.Mark;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * awaitWal: polls this standby's own WAL positions against one of its primary's. It runs while the
 * cluster takes no writes, so it polls every few milliseconds over one session.
 */
final class SwitchoverWalWait {

  /** A local query costs well under a millisecond; the write gap is counted in tens of them. */
  private static final long POLL_MILLIS = 5;

  private static final String REPLAYED =
      "SELECT coalesce(pg_wal_lsn_diff(pg_last_wal_replay_lsn(), ?::pg_lsn) >= 0, false),"
          + " coalesce(pg_last_wal_replay_lsn()::text, '0/0')";

  private static final String RECEIVED =
      "SELECT coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), ?::pg_lsn) > 0, false),"
          + " coalesce(pg_last_wal_receive_lsn()::text, '0/0')";

  private final PostgresNode node;

  SwitchoverWalWait(PostgresNode node) {
    this.node = node;
  }

  PostgresNodeStatus await(AwaitWalInput input) {
    if (input == null || input.lsn() == null || input.mark() == null || input.waitSeconds() < 1) {
      throw InputChecks.invalid("awaitWal needs an LSN, a mark and a wait of at least 1 s");
    }
    node.prepare();
    if (!node.server().isRunning()) {
      throw node.conflict("PostgreSQL does not run on " + node.env().address());
    }
    String sql = input.mark() == Mark.REPLAYED_UP_TO ? REPLAYED : RECEIVED;
    long deadline = System.nanoTime() + input.waitSeconds() * 1_000_000_000L;
    try (Connection c = AgentSql.connect(node)) {
      if (!PostgresAdmin.inRecovery(c)) {
        throw node.conflict(
            "PostgreSQL on " + node.env().address() + " is no standby: it has no WAL to await");
      }
      String seen;
      while (true) {
        try (var s = c.prepareStatement(sql)) {
          s.setString(1, input.lsn());
          try (var rs = s.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
              return new PostgresStatusReader(node).read(c);
            }
            seen = rs.getString(2);
          }
        }
        if (System.nanoTime() > deadline) {
          throw HostFailures.of(
              FailureType.HOST_STATE_CONFLICT,
              "standby %s is at %s after %d s, not %s %s"
                  .formatted(
                      node.env().address(),
                      seen,
                      input.waitSeconds(),
                      input.mark() == Mark.REPLAYED_UP_TO ? "replayed up to" : "received past",
                      input.lsn()));
        }
        SwitchoverWriteHold.sleep(POLL_MILLIS);
      }
    } catch (SQLException e) {
      throw node.sqlFailure("awaiting WAL " + input.lsn(), e);
    }
  }
}
