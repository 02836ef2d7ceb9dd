package io.pgfleet.activities.host;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The archiving settings in the managed include file. They name only the stanza and this VM's
 * pgBackRest configuration, never a key, so they may travel with the data directory: a base backup
 * copies them to a new standby, which re-targets them at its own configuration.
 */
final class ArchivePgSettings {
  private ArchivePgSettings() {}

  static final String ARCHIVE_MODE = "archive_mode";
  static final String ARCHIVE_COMMAND = "archive_command";
  static final String RESTORE_COMMAND = "restore_command";
  static final String ARCHIVE_TIMEOUT = "archive_timeout";

  /**
   * A quiet primary still closes a segment this often, so the newest restorable point is never
   * older than this (a forced switch costs one mostly empty, well compressed segment).
   */
  static final String ARCHIVE_TIMEOUT_VALUE = "60s";

  private static final Pattern STANZA =
      Pattern.compile(" --stanza=([A-Za-z0-9._-]+) archive-push ");
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9/._=:+-]+");

  /**
   * What a restored server archives with while its own cluster's stanza is not configured yet: a
   * command that fails, so PostgreSQL keeps every WAL file (and the new timeline's history) until
   * configureArchiving names the stanza. It never names pgBackRest, so {@link #stanzaOf} finds
   * none.
   */
  static final String HELD_COMMAND =
      "echo 'pgfleet: WAL archiving held after a restore until configureArchiving' >&2; exit 1";

  /** archive_mode on: a standby keeps it but archives only once promoted. */
  static Map<String, String> of(String stanza, PgBackRestFiles files) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(ARCHIVE_MODE, "on");
    settings.put(ARCHIVE_COMMAND, command(files.config(), stanza, files) + " archive-push %p");
    settings.put(RESTORE_COMMAND, restoreCommand(files.config(), stanza, files));
    settings.put(ARCHIVE_TIMEOUT, ARCHIVE_TIMEOUT_VALUE);
    return settings;
  }

  /** Archiving on but held (see {@link #HELD_COMMAND}); no restore_command. */
  static Map<String, String> held() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(ARCHIVE_MODE, "on");
    settings.put(ARCHIVE_COMMAND, HELD_COMMAND);
    settings.put(ARCHIVE_TIMEOUT, ARCHIVE_TIMEOUT_VALUE);
    return settings;
  }

  /** pgBackRest archive-get of {@code stanza} with the configuration file {@code config}. */
  static String restoreCommand(Path config, String stanza, PgBackRestFiles files) {
    return command(config, stanza, files) + " archive-get %f \"%p\"";
  }

  /** The stanza an archive_command written by {@link #of} pushes to. */
  static Optional<String> stanzaOf(Map<String, String> settings) {
    String command = settings.get(ARCHIVE_COMMAND);
    if (command == null || !command.contains("pgbackrest")) {
      return Optional.empty();
    }
    Matcher m = STANZA.matcher(command);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * Keeps archiving on when settings are rewritten without it (bootstrapPrimary, buildStandby): for
   * the stanza of this VM's pgBackRest configuration, else for the one the file on disk names
   * (copied from the primary by a base backup), always pointing at this VM's own configuration.
   * Dropping archive_mode silently would leave a gap in the archive.
   */
  static Map<String, String> carryOver(
      Map<String, String> wanted, Map<String, String> onDisk, PgBackRestFiles files) {
    if (wanted.containsKey(ARCHIVE_COMMAND)) {
      return wanted;
    }
    Optional<String> stanza = files.configuredStanza().or(() -> stanzaOf(onDisk));
    if (stanza.isEmpty()) {
      return wanted;
    }
    Map<String, String> settings = new LinkedHashMap<>(wanted);
    settings.putAll(of(stanza.get(), files));
    return settings;
  }

  private static String command(Path config, String stanza, PgBackRestFiles files) {
    return shellWord(files.binary())
        + " "
        + shellWord("--config=" + config)
        + " --stanza="
        + stanza;
  }

  /** archive_command runs through /bin/sh; quote a path only when it needs it. */
  private static String shellWord(Object word) {
    String text = word.toString();
    return SHELL_SAFE.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
