package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.CleanStop;
import io.pgfleet.workflows.host.StopPostgresInput.ShutdownMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * stopCleanly: the held primary's write hold is removed from its configuration file but not
 * reloaded (so it keeps refusing writes until it stops, and starts writable — as a primary after a
 * rollback, or for its next promotion once it is a standby), then a fast shutdown, whose shutdown
 * checkpoint pg_controldata reports.
 */
final class SwitchoverStop {

  /**
   * A fast shutdown after the prepare step's checkpoint has little to flush; it waits for the
   * walsender to send the shutdown checkpoint. Beyond this something is wrong, and the workflow
   * rolls back rather than hold writes longer.
   */
  static final int STOP_WAIT_SECONDS = 30;

  private static final Duration CONTROLDATA_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern STATE =
      Pattern.compile("^Database cluster state:\\s+(.+?)\\s*$", Pattern.MULTILINE);

  private final PostgresNode node;

  SwitchoverStop(PostgresNode node) {
    this.node = node;
  }

  CleanStop run() {
    node.prepare();
    if (!node.server().hasCluster()) {
      throw node.conflict("no PostgreSQL cluster on the disk of " + node.env().address());
    }
    if (node.server().isRunning()) {
      try (Connection c = AgentSql.connect(node)) {
        if (PostgresAdmin.inRecovery(c)) {
          throw node.conflict(
              "PostgreSQL on " + node.env().address() + " is a standby, not the primary to stop");
        }
        AgentSql.execute(c, "ALTER SYSTEM RESET " + SwitchoverWriteHold.SETTING);
      } catch (SQLException e) {
        throw node.sqlFailure("removing the write hold before the stop", e);
      }
      node.server().stop(ShutdownMode.FAST, STOP_WAIT_SECONDS);
    }
    return cleanStop();
  }

  private CleanStop cleanStop() {
    String out =
        node.runner()
            .run(
                HostCommand.of(
                    CONTROLDATA_TIMEOUT,
                    node.env().postgresTool("pg_controldata"),
                    "-D",
                    node.layout().pgData().toString()))
            .output();
    Matcher state = STATE.matcher(out);
    String seen = state.find() ? state.group(1) : "unknown";
    ControlData control =
        ControlData.parse(out)
            .orElseThrow(
                () ->
                    node.conflict(
                        "pg_controldata on " + node.env().address() + " names no checkpoint"));
    if (!"shut down".equals(seen)) {
      throw node.conflict(
          "PostgreSQL on %s is stopped but its cluster state is \"%s\", not a clean shutdown"
              .formatted(node.env().address(), seen));
    }
    return new CleanStop(control.checkpointLsn(), control.timeline());
  }
}
