package io.pgfleet.testenv.bench.backup;

import io.pgfleet.testenv.cloud.LocalVm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code pgbackrest restore} of the stanza's newest backup set into the VM's emptied data
 * directory, as the VM's own user with the VM's own pgBackRest configuration (the one archiving
 * uses). The default restore type recovers to the end of the archive and promotes, as pgfleet's
 * LATEST does.
 */
final class PgBackRestRestore {

  /** Downloading and decompressing 1 GB through S3Proxy takes a minute or two here. */
  private static final Duration RESTORE_LIMIT = Duration.ofMinutes(20);

  /** The same parallelism as the backup: two processes on the two cores. */
  private static final int PROCESS_MAX = 2;

  private PgBackRestRestore() {}

  /** The data directory must be stopped; its contents are removed first (a new, empty volume). */
  static void run(LocalVm vm, String stanza, Path log) throws IOException, InterruptedException {
    Path pgData = vm.storeDir().resolve("postgres");
    String owner = Files.getOwner(pgData).getName();
    try (Stream<Path> entries = Files.list(pgData)) {
      for (Path entry : entries.toList()) {
        WorkDir.delete(entry);
      }
    }
    Path config = vm.vmDir().resolve("pgbackrest").resolve("pgbackrest.conf");
    Process process =
        new ProcessBuilder(
                List.of(
                    "runuser",
                    "-u",
                    owner,
                    "--",
                    "pgbackrest",
                    "--config=" + config,
                    "--stanza=" + stanza,
                    "--pg1-path=" + pgData,
                    "--process-max=" + PROCESS_MAX,
                    "--log-level-console=warn",
                    "restore"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!process.waitFor(RESTORE_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("pgbackrest restore took longer than " + RESTORE_LIMIT);
    }
    if (process.exitValue() != 0) {
      throw new IOException("pgbackrest restore exited " + process.exitValue() + "; log: " + log);
    }
  }
}
