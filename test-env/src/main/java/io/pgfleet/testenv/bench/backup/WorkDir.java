package io.pgfleet.testenv.bench.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** The benchmark's scratch space: the local cloud's VMs, disks and snapshots, S3Proxy's data. */
final class WorkDir {

  private WorkDir() {}

  /**
   * A fresh directory under /var/tmp (on the disk, not a tmpfs: it holds several GB), traversable
   * by the unprivileged VM user that runs PostgreSQL. Keep the prefix short: the VMs' Unix socket
   * paths live below it and may not exceed 107 bytes.
   */
  static Path create(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(Path.of("/var/tmp"), prefix);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    return dir;
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(WorkDir::deleteOne);
    }
  }

  /** Bytes in the files under {@code dir}; files that vanish while counting (WAL) are skipped. */
  static long bytes(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).mapToLong(WorkDir::size).sum();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException gone) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
