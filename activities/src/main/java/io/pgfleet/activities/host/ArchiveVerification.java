package io.pgfleet.activities.host;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
  private final Path restoreMarker;

  /**
   * @param restoreMarker the file where prepareRestore describes restored data ({@link
   *     RestoreMarker})
   */
  ArchiveVerification(
      PgBackRestFiles files, HostFiles hostFiles, PgBackRest pgBackRest, Path restoreMarker) {
    this.files = files;
    this.hostFiles = hostFiles;
    this.pgBackRest = pgBackRest;
    this.restoreMarker = restoreMarker;
  }

  /** Creates the stanza and checks archiving unless that passed for exactly this state. */
  void ensure(Connection primary, String stanza) throws SQLException {
    ensure(primary, stanza, false);
  }

  /**
   * Like {@link #ensure(Connection, String)}; {@code stanzaReady} skips the stanza step that {@link
   * #prepareStanza} just did (a second stanza-create would compete with the archiver for the
   * stanza's lock).
   */
  void ensure(Connection primary, String stanza, boolean stanzaReady) throws SQLException {
    String key = key(primary);
    if (passed(key)) {
      return;
    }
    HostFiles.delete(files.checkedStamp());
    if (!stanzaReady) {
      prepareStanza(primary, stanza);
    }
    pgBackRest.check(stanza);
    hostFiles.update(files.checkedStamp(), key);
  }

  /** The stanza made (or, for data restored here, adopted) for this primary's database system. */
  void prepareStanza(Connection primary, String stanza) throws SQLException {
    if (!pgBackRest.tryStanzaCreate(stanza)) {
      adoptRestoredData(primary, stanza);
    }
  }

  /**
   * The stanza was made for another database system. Data restored here from another cluster's
   * backup (its marker names another source stanza and this very system) legitimately replaces it:
   * stanza-upgrade records the new system, and what the stanza held stays under the old one.
   * Anything else is someone else's data in this stanza, and stays a conflict.
   */
  private void adoptRestoredData(Connection primary, String stanza) throws SQLException {
    String system =
        AgentSql.value(primary, "SELECT system_identifier::text FROM pg_control_system()");
    boolean restoredHere =
        HostFiles.read(restoreMarker)
            .flatMap(RestoreMarker::parse)
            .filter(marker -> marker.admits(stanza, system))
            .isPresent();
    if (!restoredHere) {
      throw pgBackRest.mismatch(stanza, " (database system " + system + ")");
    }
    pgBackRest.stanzaUpgrade(stanza);
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
