package io.pgfleet.testenv.cloud.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory helpers for VM and disk directories. */
public final class Dirs {

  private Dirs() {}

  /** A process still shutting down removes its own files while the walk lists them. */
  private static final int DELETE_ATTEMPTS = 3;

  /** Deletes the directory and everything below it; a file that vanishes meanwhile is fine. */
  public static void deleteTree(Path dir) throws IOException {
    for (int attempt = 1; ; attempt++) {
      if (!Files.exists(dir)) {
        return;
      }
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(path);
        }
        return;
      } catch (NoSuchFileException | UncheckedIOException e) {
        if (attempt == DELETE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Creates a directory others may traverse, so the VM user reaches the VM dirs below it. */
  public static Path createTraversable(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
  }
}
