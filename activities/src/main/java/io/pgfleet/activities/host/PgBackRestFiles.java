package io.pgfleet.activities.host;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * pgBackRest on this VM: the program, and its configuration, CA file, spool, lock and log
 * directories (all on the ephemeral disk, see {@link HostLayout#pgBackRestDir()}).
 */
final class PgBackRestFiles {

  /** Where Debian's pgbackrest package installs it; used when PATH does not name another. */
  static final Path DEFAULT_BINARY = Path.of("/usr/bin/pgbackrest");

  private static final Path BINARY = locate();

  private final HostLayout layout;

  PgBackRestFiles(HostLayout layout) {
    this.layout = layout;
  }

  /** The program archive_command and restore_command run (PostgreSQL's PATH may differ). */
  Path binary() {
    return BINARY;
  }

  Path config() {
    return layout.pgBackRestDir().resolve("pgbackrest.conf");
  }

  /**
   * A restore's own configuration: the source archive's repository and stanza, so a restore from
   * another cluster's stanza leaves this VM's archiving configuration alone.
   */
  Path restoreConfig() {
    return layout.pgBackRestDir().resolve("restore.conf");
  }

  /** The CA certificate(s) of the restore's source store, when its settings bring their own. */
  Path restoreCaFile() {
    return layout.pgBackRestDir().resolve("restore-ca.pem");
  }

  /** archive-get's prefetched WAL of a stanza (async), stale once another restore begins. */
  Path getQueue(String stanza) {
    return spoolDir().resolve("archive").resolve(stanza).resolve("in");
  }

  /** The CA certificate(s) of the object store, when the settings bring their own. */
  Path caFile() {
    return layout.pgBackRestDir().resolve("ca.pem");
  }

  /** Async archive-push's acknowledgements and archive-get's prefetched WAL; safe to lose. */
  Path spoolDir() {
    return layout.pgBackRestDir().resolve("spool");
  }

  Path lockDir() {
    return layout.pgBackRestDir().resolve("lock");
  }

  Path logDir() {
    return layout.logDir().resolve("pgbackrest");
  }

  /** What the last successful stanza-create + check on this node verified. */
  Path checkedStamp() {
    return layout.pgBackRestDir().resolve("checked");
  }

  /** The stanza this VM's configuration archives to, if it has one. */
  Optional<String> configuredStanza() {
    return HostFiles.read(config()).flatMap(PgBackRestConf::stanzaOf);
  }

  /** Directories pgBackRest writes to; it creates spool and lock itself, but not its log path. */
  void prepare(HostFiles files) {
    files.ensureDir(layout.pgBackRestDir());
    files.ensureDir(spoolDir());
    files.ensureDir(lockDir());
    files.ensureDir(layout.logDir());
    files.ensureDir(logDir());
  }

  private static Path locate() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        // only absolute entries: PostgreSQL runs the command from the data directory
        Path candidate = dir.startsWith("/") ? Path.of(dir, "pgbackrest") : null;
        if (candidate != null && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return DEFAULT_BINARY;
  }
}
