package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.WriteHold;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The switchover's hold on writes, at the primary itself: {@code default_transaction_read_only} set
 * with ALTER SYSTEM (a file on this VM only, never replicated, and allowed in a read-only session,
 * so a retry works) and a reload. New transactions are read-only from then on; sessions already in
 * a transaction are ended, since a transaction begun read-write stays read-write. A client that
 * switches its own session back with SET is not held: pgfleet's clients do not, and the clean stop
 * that follows ends every session anyway.
 */
final class SwitchoverWriteHold {

  static final String SETTING = "default_transaction_read_only";

  /**
   * The postmaster applies a reload within milliseconds; a fresh session shows when it did. Two
   * seconds bound the wait on a loaded host, polled often because writes are held meanwhile.
   */
  private static final long RELOAD_WAIT_MILLIS = 2_000;

  private static final long RELOAD_POLL_MILLIS = 10;

  /** pg_terminate_backend waits this long (ms) for each session to be gone. */
  private static final int TERMINATE_WAIT_MILLIS = 2_000;

  private static final String END_OPEN_TRANSACTIONS =
      "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, "
          + TERMINATE_WAIT_MILLIS
          + ")) FROM pg_stat_activity WHERE backend_type = 'client backend'"
          + " AND pid <> pg_backend_pid() AND xact_start IS NOT NULL";

  private final PostgresNode node;

  SwitchoverWriteHold(PostgresNode node) {
    this.node = node;
  }

  WriteHold hold() {
    requireRunning("hold writes on");
    try (Connection c = AgentSql.connect(node)) {
      if (PostgresAdmin.inRecovery(c)) {
        throw node.conflict(
            "PostgreSQL on " + node.env().address() + " is a standby: there are no writes to hold");
      }
      AgentSql.execute(c, "ALTER SYSTEM SET " + SETTING + " = on");
      AgentSql.execute(c, "SELECT pg_reload_conf()");
      awaitDefault("on");
      int ended = Integer.parseInt(AgentSql.value(c, END_OPEN_TRANSACTIONS));
      return new WriteHold(AgentSql.value(c, "SELECT pg_current_wal_flush_lsn()::text"), ended);
    } catch (SQLException e) {
      throw node.sqlFailure("holding writes", e);
    }
  }

  PostgresNodeStatus release() {
    requireRunning("release writes on");
    try (Connection c = AgentSql.connect(node)) {
      AgentSql.execute(c, "ALTER SYSTEM RESET " + SETTING);
      AgentSql.execute(c, "SELECT pg_reload_conf()");
      awaitDefault("off");
      return new PostgresStatusReader(node).read(c);
    } catch (SQLException e) {
      throw node.sqlFailure("releasing writes", e);
    }
  }

  PostgresNodeStatus checkpoint() {
    requireRunning("checkpoint");
    try (Connection c = AgentSql.connect(node)) {
      AgentSql.execute(c, "CHECKPOINT");
      return new PostgresStatusReader(node).read(c);
    } catch (SQLException e) {
      throw node.sqlFailure("checkpointing", e);
    }
  }

  private void requireRunning(String what) {
    node.prepare();
    if (!node.server().isRunning()) {
      throw node.conflict(
          "PostgreSQL does not run on " + node.env().address() + ": cannot " + what);
    }
  }

  /** A fresh session shows the value once the postmaster applied the reload. */
  private void awaitDefault(String expected) throws SQLException {
    long deadline = System.nanoTime() + RELOAD_WAIT_MILLIS * 1_000_000;
    String seen;
    do {
      try (Connection fresh = AgentSql.connect(node)) {
        seen = AgentSql.value(fresh, "SHOW " + SETTING);
      }
      if (expected.equals(seen)) {
        return;
      }
      sleep(RELOAD_POLL_MILLIS);
    } while (System.nanoTime() < deadline);
    throw HostFailures.of(
        FailureType.HOST_COMMAND_FAILED,
        "PostgreSQL on %s still shows %s = %s %d ms after the reload, expected %s"
            .formatted(node.env().address(), SETTING, seen, RELOAD_WAIT_MILLIS, expected));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HostFailures.of(FailureType.HOST_COMMAND_FAILED, "interrupted while waiting", e);
    }
  }
}
