package io.pgfleet.testenv.cloud.ec2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Copies a disk directory with {@code cp -a --reflink=auto}: owners, modes and times kept (the
 * local cloud runs as root, so the VM user's files stay the VM user's), blocks shared where the
 * filesystem can reflink, copied otherwise.
 */
public final class DiskCopier {

  /** Generous for a few GiB without reflink; a stuck copy must not hold a request forever. */
  static final Duration COPY_LIMIT = Duration.ofMinutes(10);

  private DiskCopier() {}

  /**
   * Copies {@code source} to {@code target}, which must not exist yet. A running PostgreSQL removes
   * files while we read its directory (recycled WAL, temporary files); such a vanished file is not
   * an error, as for pg_basebackup: the backup's WAL replay makes up for it.
   */
  public static void copy(Path source, Path target) throws IOException {
    if (!Files.isDirectory(source)) {
      throw new IOException("disk directory " + source + " does not exist");
    }
    Path errors = Files.createTempFile("pgfleet-cp-", ".err");
    try {
      Process cp =
          new ProcessBuilder("cp", "-a", "--reflink=auto", source.toString(), target.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(errors.toFile())
              .start();
      if (!cp.waitFor(COPY_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        cp.destroyForcibly();
        throw new IOException("copying " + source + " took longer than " + COPY_LIMIT);
      }
      String stderr = Files.readString(errors, StandardCharsets.UTF_8).strip();
      if (cp.exitValue() != 0 && !onlyVanishedFiles(stderr)) {
        throw new IOException(
            "cp -a " + source + " " + target + " exited " + cp.exitValue() + ": " + stderr);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while copying " + source, e);
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  static boolean onlyVanishedFiles(String stderr) {
    return !stderr.isEmpty()
        && stderr.lines().allMatch(line -> line.endsWith("No such file or directory"));
  }
}
