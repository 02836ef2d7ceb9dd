package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;

/**
 * Files and directories the service user must own: PostgreSQL and pgpool run as that user and
 * refuse (or cannot use) files owned by root.
 */
final class HostFiles {

  /** Private: data directories, password files, configuration holding passwords. */
  static final String PRIVATE = "rw-------";

  static final String PRIVATE_DIR = "rwx------";

  private final String owner;

  HostFiles(HostEnvironment env) {
    this.owner = HostUsers.switchesUser(env.runAsUser()) ? env.runAsUser() : null;
  }

  /** Creates the directory (and parents) if needed, owned by the service user, mode 0700. */
  void ensureDir(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(PRIVATE_DIR));
      chown(dir);
    } catch (IOException e) {
      throw ioFailure("cannot create directory " + dir, e);
    }
  }

  /** Replaces the file atomically, so a crash never leaves half a configuration behind. */
  void write(Path file, String content) {
    try {
      Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(PRIVATE));
      chown(temp);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw ioFailure("cannot write " + file, e);
    }
  }

  /** Writes the file only when its content differs; returns whether it changed. */
  boolean update(Path file, String content) {
    if (read(file).filter(content::equals).isPresent()) {
      return false;
    }
    write(file, content);
    return true;
  }

  static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw ioFailure("cannot read " + file, e);
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw ioFailure("cannot delete " + file, e);
    }
  }

  /** Deletes the directory and everything in it; a missing directory is fine. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException | UncheckedIOException e) {
      throw ioFailure("cannot delete " + dir, e);
    }
  }

  private void chown(Path path) throws IOException {
    if (owner == null) {
      return;
    }
    UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(path, users.lookupPrincipalByName(owner));
    try {
      Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
          .setGroup(users.lookupPrincipalByGroupName(owner));
    } catch (UserPrincipalNotFoundException noGroupOfThatName) {
      // owner alone decides: every file here is private to the service user
    }
  }

  private static RuntimeException ioFailure(String message, Exception cause) {
    return HostFailures.of(
        FailureType.HOST_COMMAND_FAILED, message + ": " + cause.getMessage(), cause);
  }
}
