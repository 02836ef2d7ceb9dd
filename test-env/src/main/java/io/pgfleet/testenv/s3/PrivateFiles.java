package io.pgfleet.testenv.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files holding secrets: created owner-only (600) before anything is written into them. */
final class PrivateFiles {

  private PrivateFiles() {}

  static void create(Path file) throws IOException {
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  /** Replaces {@code file} with {@code content}, never readable by others in between. */
  static void write(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    create(file);
    Files.writeString(file, content);
  }
}
