package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.ArchiveStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** archiveStatus: pg_stat_archiver while the server runs, the disk otherwise. */
final class ArchiveStatusReader {

  private static final String QUERY =
      "SELECT current_setting('archive_mode'), current_setting('archive_command'),"
          + " pg_is_in_recovery(), a.archived_count, a.last_archived_wal,"
          + " (extract(epoch FROM a.last_archived_time) * 1000)::bigint,"
          + " a.failed_count, a.last_failed_wal,"
          + " (extract(epoch FROM a.last_failed_time) * 1000)::bigint,"
          + " CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END,"
          + " (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size')"
          + " FROM pg_stat_archiver a";

  private final PostgresNode node;
  private final PgBackRestFiles files;
  private final ArchiveVerification verification;

  ArchiveStatusReader(PostgresNode node, PgBackRestFiles files, ArchiveVerification verification) {
    this.node = node;
    this.files = files;
    this.verification = verification;
  }

  ArchiveStatus read() {
    if (!node.server().isRunning()) {
      return offline();
    }
    String password =
        node.storedPgPass()
            .map(PgPass::superuserPassword)
            .orElseThrow(
                () ->
                    HostFailures.of(
                        FailureType.HOST_STATE_CONFLICT,
                        "PostgreSQL runs on "
                            + node.env().address()
                            + " but the agent has no password for it in "
                            + node.layout().pgpassFile()));
    try (Connection c = node.connect(List.of(password))) {
      return read(c);
    } catch (SQLException e) {
      throw node.sqlFailure("reading the archiver status", e);
    }
  }

  ArchiveStatus read(Connection c) throws SQLException {
    PendingWal pending = PendingWal.in(node.layout().pgData());
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(QUERY)) {
      rs.next();
      String mode = rs.getString(1);
      Optional<String> stanza =
          ArchivePgSettings.stanzaOf(Map.of("archive_command", rs.getString(2)));
      boolean primary = !rs.getBoolean(3);
      boolean archiving = primary && !"off".equals(mode);
      String lastArchived = rs.getString(5);
      Long archivedAt = nullableLong(rs, 6);
      Long failedAt = nullableLong(rs, 9);
      String currentLsn = rs.getString(10);
      Long lag =
          archiving ? boxed(WalSegments.lagBytes(lastArchived, currentLsn, rs.getLong(11))) : null;
      return new ArchiveStatus(
          stanza.orElse(null),
          configured(stanza),
          mode,
          archiving,
          archiving && stanza.isPresent() && verification.passed(c),
          rs.getLong(4),
          lastArchived,
          archivedAt,
          rs.getLong(7),
          rs.getString(8),
          failedAt,
          failedAt != null && (archivedAt == null || failedAt >= archivedAt),
          pending.count(),
          pendingSeconds(pending),
          lag);
    }
  }

  private ArchiveStatus offline() {
    Map<String, String> onDisk = node.config().current();
    Optional<String> stanza = ArchivePgSettings.stanzaOf(onDisk).or(files::configuredStanza);
    PendingWal pending = PendingWal.in(node.layout().pgData());
    return new ArchiveStatus(
        stanza.orElse(null),
        configured(stanza),
        onDisk.getOrDefault(ArchivePgSettings.ARCHIVE_MODE, "off"),
        false,
        false,
        0,
        null,
        null,
        0,
        null,
        null,
        false,
        pending.count(),
        pendingSeconds(pending),
        null);
  }

  private boolean configured(Optional<String> stanza) {
    return stanza.isPresent() && stanza.equals(files.configuredStanza());
  }

  private static Long pendingSeconds(PendingWal pending) {
    return pending
        .oldest()
        .map(t -> Math.max(0, Duration.between(t.toInstant(), Instant.now()).toSeconds()))
        .orElse(null);
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Long boxed(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }
}
