package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The primary a node rejoins, seen from this node's agent over the network as the superuser: checks
 * that it is a primary and reserves this node's replication slot on it. pg_rewind cannot create the
 * slot the way {@code pg_basebackup -C} does, so it is created here, before the rewind, and keeps
 * the WAL the standby needs from then on.
 */
final class UpstreamPrimary {

  /** The primary was just promoted and is reachable, or the rejoin must wait for a retry. */
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private static final int SOCKET_TIMEOUT_SECONDS = 30;

  /** SQLSTATE 42710 (duplicate_object): the slot appeared between our check and our create. */
  private static final String DUPLICATE_OBJECT = "42710";

  /** Whether it is in recovery, the timeline it writes, and the one its control file names. */
  private static final String TIMELINES =
      "SELECT pg_is_in_recovery(), CASE WHEN pg_is_in_recovery() THEN 0 ELSE"
          + " ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int END,"
          + " (SELECT timeline_id FROM pg_control_checkpoint())";

  private final StandbyTarget target;

  UpstreamPrimary(StandbyTarget target) {
    this.target = target;
  }

  /**
   * Fails unless the upstream is a primary; creates the slot unless it exists. Returns the
   * upstream's timeline.
   */
  int prepare() {
    try (Connection c = connect()) {
      int timeline;
      int checkpointTimeline;
      try (PreparedStatement s = c.prepareStatement(TIMELINES);
          ResultSet rs = s.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1)) {
          throw HostFailures.of(
              FailureType.HOST_STATE_CONFLICT,
              "PostgreSQL on " + target.upstreamAddress() + " is in recovery, not a primary");
        }
        timeline = rs.getInt(2);
        checkpointTimeline = rs.getInt(3);
      }
      if (checkpointTimeline != timeline) {
        // pg_rewind reads the source's timeline from its control file, which a promotion
        // updates only at the next checkpoint: until then it sees "the same timeline" and
        // wrongly reports that no rewind is needed.
        try (Statement s = c.createStatement()) {
          s.execute("CHECKPOINT");
        }
      }
      ensureSlot(c, target.upstream().slotName());
      return timeline;
    } catch (SQLException e) {
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED,
          "cannot prepare the primary "
              + target.upstreamAddress()
              + " (replication slot "
              + target.upstream().slotName()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private static void ensureSlot(Connection c, String slot) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
      s.setString(1, slot);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    // immediately_reserve: WAL written from now on stays until the standby has streamed it
    try (PreparedStatement s =
        c.prepareStatement("SELECT pg_create_physical_replication_slot(?, true)")) {
      s.setString(1, slot);
      s.executeQuery().close();
    } catch (SQLException e) {
      if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", PgPass.SUPERUSER);
    props.setProperty("password", target.pgpass().superuserPassword());
    props.setProperty("sslmode", "disable");
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    props.setProperty("ApplicationName", "pgfleet-agent-rejoin");
    String host = target.upstream().host();
    String url =
        "jdbc:postgresql://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + target.upstream().port()
            + "/postgres";
    return DriverManager.getConnection(url, props);
  }
}
