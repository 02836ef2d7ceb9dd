package io.pgfleet.activities.postgres;

import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.ReplicationCheck;
import io.pgfleet.workflows.postgres.VerifyReplicationInput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves the data path end to end: a marker row written through each pgpool (which routes writes to
 * the primary) must show up on the standby. The standby is checked first and after each write, so
 * each marker's wait is measured from its own commit.
 */
final class ReplicationVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicationVerifier.class);

  /** A streaming standby replays a small commit in milliseconds; polling faster gains nothing. */
  static final long POLL_INTERVAL_MILLIS = 50;

  static final String TABLE = "pgfleet_verify";

  /** SQLSTATE undefined_table: the standby has not replayed the CREATE TABLE yet. */
  private static final String UNDEFINED_TABLE = "42P01";

  private static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS "
          + TABLE
          + " (marker uuid PRIMARY KEY, via text NOT NULL,"
          + " written_at timestamptz NOT NULL DEFAULT now())";

  /** Markers are only needed until the standby showed them; a day keeps the table tiny. */
  private static final String PRUNE =
      "DELETE FROM " + TABLE + " WHERE written_at < now() - interval '1 day'";

  private final SqlConnector connector;

  ReplicationVerifier(SqlConnector connector) {
    this.connector = connector;
  }

  ReplicationCheck verify(VerifyReplicationInput input) {
    if (input.pgpools() == null || input.pgpools().isEmpty()) {
      throw SqlFailures.invalid("no pgpool endpoints to write markers through");
    }
    if (input.replayWaitMillis() <= 0) {
      throw SqlFailures.invalid("replay wait must be positive, not " + input.replayWaitMillis());
    }
    List<HostPort> pgpools = input.pgpools().stream().map(HostPort::parse).toList();
    PostgresEndpoint standbyEndpoint = input.standby();
    HostPort standby = HostPort.of(standbyEndpoint);
    String standbyPassword =
        standbyEndpoint.superuserPassword() != null
            ? standbyEndpoint.superuserPassword()
            : input.superuserPassword();
    long slowest = 0;
    try (Connection onStandby =
        connector.connect(standby, SqlConnector.ADMIN_DATABASE, standbyPassword, "standby")) {
      requireStandby(onStandby, standby);
      for (HostPort pgpool : pgpools) {
        UUID marker = write(pgpool, input.superuserPassword());
        long writtenAt = System.nanoTime();
        slowest =
            Math.max(
                slowest,
                awaitReplay(
                    onStandby, standby, marker, pgpool, writtenAt, input.replayWaitMillis()));
      }
    } catch (SQLException e) {
      throw SqlFailures.retryable(
          "reading markers on the standby " + standby + " failed: " + e.getMessage(), e);
    }
    LOG.info(
        "{} marker(s) written through pgpool reached the standby {}; slowest after {} ms",
        pgpools.size(),
        standby,
        slowest);
    return new ReplicationCheck(pgpools.size(), slowest);
  }

  private static void requireStandby(Connection c, HostPort standby) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_is_in_recovery()");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next() || !rs.getBoolean(1)) {
        throw SqlFailures.conflict(
            standby + " is not in recovery: it is not a standby, so it cannot prove replication");
      }
    }
  }

  private UUID write(HostPort pgpool, String password) {
    UUID marker = UUID.randomUUID();
    try (Connection c =
        connector.connect(pgpool, SqlConnector.ADMIN_DATABASE, password, "pgpool")) {
      Catalog.execute(c, CREATE_TABLE);
      Catalog.execute(c, PRUNE);
      try (PreparedStatement s =
          c.prepareStatement("INSERT INTO " + TABLE + " (marker, via) VALUES (?, ?)")) {
        s.setObject(1, marker);
        s.setString(2, pgpool.toString());
        s.executeUpdate();
      }
      return marker;
    } catch (SQLException e) {
      throw SqlFailures.retryable(
          "writing a marker through the pgpool " + pgpool + " failed: " + e.getMessage(), e);
    }
  }

  /** Polls until the standby shows the marker; returns how long that took after the commit. */
  private static long awaitReplay(
      Connection c, HostPort standby, UUID marker, HostPort pgpool, long writtenAt, long waitMillis)
      throws SQLException {
    while (true) {
      boolean visible = isVisible(c, marker);
      long waited = (System.nanoTime() - writtenAt) / 1_000_000;
      if (visible) {
        return waited;
      }
      if (waited > waitMillis) {
        throw SqlFailures.retryable(
            "the standby "
                + standby
                + " did not replay the marker written through the pgpool "
                + pgpool
                + " within "
                + waitMillis
                + " ms",
            null);
      }
      try {
        Thread.sleep(POLL_INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw SqlFailures.retryable("interrupted while waiting for the standby " + standby, e);
      }
    }
  }

  private static boolean isVisible(Connection c, UUID marker) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE marker = ?")) {
      s.setObject(1, marker);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }
}
