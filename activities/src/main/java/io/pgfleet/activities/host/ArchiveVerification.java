package io.pgfleet.activities.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * stanza-create and check on a primary, once per pgBackRest configuration, database system and
 * timeline: a repeated configureArchiving does not force another WAL switch, while a new key, a
 * promotion (new timeline) or another cluster's data on the disk is verified again.
 */
final class ArchiveVerification {

  private static final String IDENTITY =
      "SELECT (SELECT system_identifier::text FROM pg_control_system()),"
          + " ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int";

  private final PgBackRestFiles files;
  private final HostFiles hostFiles;
  private final PgBackRest pgBackRest;

  ArchiveVerification(PgBackRestFiles files, HostFiles hostFiles, PgBackRest pgBackRest) {
    this.files = files;
    this.hostFiles = hostFiles;
    this.pgBackRest = pgBackRest;
  }

  /** Creates the stanza and checks archiving unless that passed for exactly this state. */
  void ensure(Connection primary, String stanza) throws SQLException {
    String key = key(primary);
    if (passed(key)) {
      return;
    }
    HostFiles.delete(files.checkedStamp());
    pgBackRest.stanzaCreate(stanza);
    pgBackRest.check(stanza);
    hostFiles.update(files.checkedStamp(), key);
  }

  /** Whether the check passed for the configuration in place on this primary's timeline. */
  boolean passed(Connection primary) throws SQLException {
    return passed(key(primary));
  }

  private boolean passed(String key) {
    return HostFiles.read(files.checkedStamp()).filter(key::equals).isPresent();
  }

  private String key(Connection primary) throws SQLException {
    String conf = HostFiles.read(files.config()).orElse("");
    try (Statement s = primary.createStatement();
        ResultSet rs = s.executeQuery(IDENTITY)) {
      rs.next();
      return "config "
          + sha256(conf)
          + "\nsystem "
          + rs.getString(1)
          + "\ntimeline "
          + rs.getInt(2)
          + "\n";
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
