package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.RecoveryOutcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a restore's recovery: where it stopped (kept on the disk, since a restarted server no
 * longer knows), and the include file without the recovery settings, which must not steer a later
 * start.
 */
final class RecoveryCompletion {

  /**
   * The new timeline (from the WAL file being written), where replay ended and the last replayed
   * commit; PostgreSQL keeps the replay figures after promotion until it restarts.
   */
  private static final String OUTCOME =
      "SELECT ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int,"
          + " pg_last_wal_replay_lsn()::text,"
          + " floor(extract(epoch FROM pg_last_xact_replay_timestamp()) * 1000)::bigint,"
          + " pg_current_wal_lsn()::text";

  private final PostgresNode node;
  private final PgBackRestFiles pgBackRest;

  RecoveryCompletion(PostgresNode node, PgBackRestFiles pgBackRest) {
    this.node = node;
    this.pgBackRest = pgBackRest;
  }

  Optional<RecoveryOutcome> stored() {
    return HostFiles.read(node.layout().recoveryOutcomeFile()).flatMap(RecoveryOutcomeFile::parse);
  }

  /** Reads the outcome of the promoted server and keeps it. */
  RecoveryOutcome record(Connection promoted, RecoveryLog log) throws SQLException {
    RecoveryOutcome outcome;
    try (Statement s = promoted.createStatement();
        ResultSet rs = s.executeQuery(OUTCOME)) {
      rs.next();
      long commit = rs.getLong(3);
      Long lastCommit = rs.wasNull() ? null : commit;
      // after a restart in between, only the log still says where redo ended
      String endLsn =
          Optional.ofNullable(rs.getString(2)).or(log::redoDoneAt).orElse(rs.getString(4));
      outcome =
          new RecoveryOutcome(rs.getInt(1), endLsn, lastCommit, log.stopReason().orElse(null));
    }
    node.files().update(node.layout().recoveryOutcomeFile(), RecoveryOutcomeFile.render(outcome));
    return outcome;
  }

  /**
   * Drops the recovery settings and the restore_command that read the source archive, reloads a
   * running server, and removes the source's pgBackRest configuration (it holds its keys).
   * Archiving stays as prepareRestore set it. Repeating it changes nothing.
   */
  void tidy() {
    Map<String, String> settings = RecoverySettings.without(node.config().current());
    String restore = settings.getOrDefault(ArchivePgSettings.RESTORE_COMMAND, "");
    if (restore.contains(pgBackRest.restoreConfig().toString())) {
      settings.remove(ArchivePgSettings.RESTORE_COMMAND);
    }
    String hba = HostFiles.read(node.layout().pgData().resolve(PgHba.FILE_NAME)).orElse("");
    ConfigChange change = node.config().write(settings, hba);
    if (change.any() && node.server().isRunning()) {
      // the recovery settings only steer a start; the promoted server needs no restart for them
      node.server().reload();
      node.config().markApplied();
    }
    HostFiles.delete(pgBackRest.restoreConfig());
    HostFiles.delete(pgBackRest.restoreCaFile());
  }
}
