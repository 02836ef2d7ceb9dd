package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PromoteInput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * promote: {@code pg_promote(true, wait)} on this node's standby; a node that is primary already
 * only reports its status (so a retry after a lost response is success).
 */
final class Promotion {

  /** Room for the query round trip beyond pg_promote's own wait before the socket gives up. */
  private static final int SOCKET_MARGIN_SECONDS = 10;

  /** SQLSTATE 55000 (object_not_in_prerequisite_state): pg_promote on a primary. */
  private static final String RECOVERY_NOT_IN_PROGRESS = "55000";

  private final PostgresNode node;

  Promotion(PostgresNode node) {
    this.node = node;
  }

  PostgresNodeStatus run(PromoteInput input) {
    int waitSeconds = input == null ? 0 : input.waitSeconds();
    if (waitSeconds < 1) {
      throw InputChecks.invalid("promote needs a wait of at least 1 s, got " + waitSeconds);
    }
    node.prepare();
    if (!node.server().hasCluster()) {
      throw node.conflict(
          "no PostgreSQL cluster on the disk of " + node.env().address() + " to promote");
    }
    // a stopped standby (VM restarted) comes up as a standby first, then is promoted
    node.start();
    try (Connection c = node.connect(storedPasswords())) {
      if (PostgresAdmin.inRecovery(c) && !promote(c, waitSeconds)) {
        throw HostFailures.of(
            FailureType.HOST_COMMAND_FAILED,
            "PostgreSQL on "
                + node.env().address()
                + " is still promoting after "
                + waitSeconds
                + " s (pg_promote returned false)");
      }
      return new PostgresStatusReader(node).read(c);
    } catch (SQLException e) {
      throw node.sqlFailure("promoting PostgreSQL", e);
    }
  }

  /** True once the server left recovery (pg_promote waited for it) and takes writes. */
  private static boolean promote(Connection c, int waitSeconds) throws SQLException {
    c.setNetworkTimeout(Runnable::run, (waitSeconds + SOCKET_MARGIN_SECONDS) * 1000);
    try (PreparedStatement s = c.prepareStatement("SELECT pg_promote(true, ?)")) {
      s.setInt(1, waitSeconds);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1) && !PostgresAdmin.inRecovery(c);
      }
    } catch (SQLException e) {
      // a promotion already under way (an earlier attempt) may finish between check and call
      if (RECOVERY_NOT_IN_PROGRESS.equals(e.getSQLState()) && !PostgresAdmin.inRecovery(c)) {
        return true;
      }
      throw e;
    }
  }

  private List<String> storedPasswords() {
    return List.of(
        node.storedPgPass()
            .map(PgPass::superuserPassword)
            .orElseThrow(
                () ->
                    node.conflict(
                        "the agent on "
                            + node.env().address()
                            + " has no password for its PostgreSQL in "
                            + node.layout().pgpassFile())));
  }
}
