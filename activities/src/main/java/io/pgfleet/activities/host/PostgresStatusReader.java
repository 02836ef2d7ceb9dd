package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/** A node's view of itself: from the server when it runs, from the disk when it does not. */
final class PostgresStatusReader {

  static final String NO_LSN = "0/0";

  private static final Duration CONTROLDATA_TIMEOUT = Duration.ofSeconds(30);

  private static final String CLIENTS =
      "(SELECT count(*) FROM pg_stat_activity"
          + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid())::int";

  // The timeline of the WAL being written: the segment file name starts with it in hex.
  private static final String PRIMARY_QUERY =
      "SELECT pg_current_wal_lsn()::text,"
          + " ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int, "
          + CLIENTS;

  private static final String STANDBY_QUERY =
      "SELECT coalesce(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn(), '0/0')::text,"
          + " coalesce(pg_last_wal_replay_lsn(), '0/0')::text,"
          + " greatest(coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(),"
          + " pg_last_wal_replay_lsn()), 0), 0)::bigint,"
          + " coalesce((SELECT received_tli FROM pg_stat_wal_receiver WHERE received_tli > 0),"
          + " (SELECT timeline_id FROM pg_control_checkpoint())),"
          + " EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming'), "
          + CLIENTS;

  private final PostgresNode node;

  PostgresStatusReader(PostgresNode node) {
    this.node = node;
  }

  PostgresNodeStatus read() {
    if (!node.server().hasCluster()) {
      return offline(PostgresRole.UNINITIALIZED, 0, NO_LSN);
    }
    if (!node.server().isRunning()) {
      ControlData control = controlData();
      return offline(PostgresRole.STOPPED, control.timeline(), control.checkpointLsn());
    }
    PgPass pgpass =
        node.storedPgPass()
            .orElseThrow(
                () ->
                    HostFailures.of(
                        FailureType.HOST_STATE_CONFLICT,
                        "PostgreSQL runs on "
                            + node.env().address()
                            + " but the agent has no password for it in "
                            + node.layout().pgpassFile()));
    try (Connection c = node.jdbc().connectWithAny(List.of(pgpass.superuserPassword()))) {
      return read(c);
    } catch (SQLException e) {
      throw node.jdbc().failure("cannot read status of PostgreSQL on " + node.env().address(), e);
    }
  }

  /** Status over an open superuser connection. */
  PostgresNodeStatus read(Connection c) throws SQLException {
    boolean standby = PostgresAdmin.inRecovery(c);
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(standby ? STANDBY_QUERY : PRIMARY_QUERY)) {
      rs.next();
      if (!standby) {
        String lsn = rs.getString(1);
        return status(PostgresRole.PRIMARY, rs.getInt(2), lsn, lsn, 0, false, rs.getInt(3));
      }
      return status(
          PostgresRole.STANDBY,
          rs.getInt(4),
          rs.getString(1),
          rs.getString(2),
          rs.getLong(3),
          rs.getBoolean(5),
          rs.getInt(6));
    }
  }

  private ControlData controlData() {
    CommandResult result =
        node.runner()
            .run(
                HostCommand.of(
                    CONTROLDATA_TIMEOUT,
                    node.env().postgresTool("pg_controldata"),
                    "-D",
                    node.layout().pgData().toString()));
    return ControlData.parse(result.output()).orElse(new ControlData(0, NO_LSN));
  }

  private PostgresNodeStatus offline(PostgresRole role, int timeline, String lsn) {
    return status(role, timeline, lsn, lsn, 0, false, 0);
  }

  private PostgresNodeStatus status(
      PostgresRole role,
      int timeline,
      String currentLsn,
      String replayLsn,
      long lagBytes,
      boolean streaming,
      int connections) {
    return new PostgresNodeStatus(
        node.env().address(),
        node.env().postgresPort(),
        role,
        timeline,
        currentLsn,
        replayLsn,
        lagBytes,
        streaming,
        connections);
  }
}
