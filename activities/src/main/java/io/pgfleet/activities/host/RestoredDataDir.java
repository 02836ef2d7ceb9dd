package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files of a restored data directory that decide how PostgreSQL recovers it. */
final class RestoredDataDir {

  static final String BACKUP_LABEL = "backup_label";
  static final String TABLESPACE_MAP = "tablespace_map";
  static final String RECOVERY_SIGNAL = "recovery.signal";
  static final String STANDBY_SIGNAL = "standby.signal";

  private final Path pgData;
  private final HostFiles files;

  RestoredDataDir(Path pgData, HostFiles files) {
    this.pgData = pgData;
    this.files = files;
  }

  /**
   * No standby signal; no WAL (every segment comes from the archive, never from a torn copy on the
   * disk, and a history file left here could mislead the timeline choice); no replication slots
   * (they name consumers of the source server and would hold WAL here for ever).
   */
  void clearForRecovery() {
    HostFiles.delete(pgData.resolve(STANDBY_SIGNAL));
    Path wal = pgData.resolve("pg_wal");
    deleteFilesIn(wal);
    deleteFilesIn(wal.resolve("archive_status"));
    Path slots = pgData.resolve("pg_replslot");
    for (Path slot : list(slots)) {
      HostFiles.deleteTree(slot);
    }
  }

  /** The backup's label files, as pg_backup_stop returned them. */
  void writeLabels(String backupLabel, String tablespaceMap) {
    files.update(pgData.resolve(BACKUP_LABEL), backupLabel);
    if (tablespaceMap == null || tablespaceMap.isEmpty()) {
      HostFiles.delete(pgData.resolve(TABLESPACE_MAP));
    } else {
      files.update(pgData.resolve(TABLESPACE_MAP), tablespaceMap);
    }
  }

  /** Targeted recovery (not standby mode) at the next start. */
  void signalRecovery() {
    files.update(pgData.resolve(RECOVERY_SIGNAL), "");
  }

  boolean recoverySignalled() {
    return Files.isRegularFile(pgData.resolve(RECOVERY_SIGNAL));
  }

  private static void deleteFilesIn(Path dir) {
    for (Path entry : list(dir)) {
      if (Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        HostFiles.delete(entry);
      }
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    } catch (IOException e) {
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
