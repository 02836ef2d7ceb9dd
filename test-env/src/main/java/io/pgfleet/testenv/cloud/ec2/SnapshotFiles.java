package io.pgfleet.testenv.cloud.ec2;

import io.pgfleet.testenv.cloud.vm.Dirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Where snapshot copies live: {@code <state>/snapshots/<snapshot-id>/}. */
final class SnapshotFiles {

  private static final String PARTIAL = ".partial";

  private final Path root;

  SnapshotFiles(Path root) {
    this.root = root;
  }

  Path dir(String snapshotId) {
    return root.resolve(snapshotId);
  }

  /** Copies under a temporary name first: a directory named by the id is always complete. */
  void copyIn(Path source, String snapshotId) throws IOException {
    Files.createDirectories(root);
    Path partial = root.resolve(snapshotId + PARTIAL);
    Dirs.deleteTree(partial);
    try {
      DiskCopier.copy(source, partial);
      Files.move(partial, dir(snapshotId));
    } catch (IOException e) {
      Dirs.deleteTree(partial);
      throw e;
    }
  }

  void delete(String snapshotId) throws IOException {
    Dirs.deleteTree(dir(snapshotId));
  }

  /** Removes copies no snapshot names (an interrupted copy or delete); returns their names. */
  List<String> sweep(Set<String> known) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Path> stray;
    try (Stream<Path> entries = Files.list(root)) {
      stray = entries.filter(p -> !known.contains(p.getFileName().toString())).toList();
    }
    for (Path dir : stray) {
      Dirs.deleteTree(dir);
    }
    return stray.stream().map(p -> p.getFileName().toString()).toList();
  }
}
