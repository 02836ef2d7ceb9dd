package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Files PostgreSQL has handed to the archiver but not yet seen archived: one {@code .ready} marker
 * per file in pg_wal/archive_status. Read from the disk, so it works while the server is down.
 *
 * @param oldest when the oldest of them became ready
 */
record PendingWal(int count, Optional<FileTime> oldest) {

  private static final String READY = ".ready";

  static PendingWal in(Path pgData) {
    Path dir = pgData.resolve("pg_wal").resolve("archive_status");
    int count = 0;
    FileTime oldest = null;
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        if (!entry.getFileName().toString().endsWith(READY)) {
          continue;
        }
        Optional<FileTime> modified = modified(entry);
        if (modified.isEmpty()) {
          continue; // archived between listing and reading it
        }
        count++;
        if (oldest == null || modified.get().compareTo(oldest) < 0) {
          oldest = modified.get();
        }
      }
    } catch (NoSuchFileException noClusterYet) {
      return new PendingWal(0, Optional.empty());
    } catch (IOException | UncheckedIOException e) {
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
    }
    return new PendingWal(count, Optional.ofNullable(oldest));
  }

  private static Optional<FileTime> modified(Path file) {
    try {
      return Optional.of(Files.getLastModifiedTime(file));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
