package io.pgfleet.testenv.bench.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fills the database with {@code pgbench -i}: scale 64 is 6.4 M accounts, about 1 GB with its
 * primary key. The rows are generated on the server ({@code G}) so no client pipe is timed.
 */
final class PgbenchLoad {

  /** Generating, vacuuming and indexing 1 GB takes a few minutes on two shared cores. */
  private static final Duration LOAD_LIMIT = Duration.ofMinutes(15);

  /** drop, tables, server-side generate, vacuum, primary keys. */
  private static final String STEPS = "dtGvp";

  private PgbenchLoad() {}

  static void run(Path pgbench, BenchDatabase db, int scale, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    pgbench.toString(),
                    "-i",
                    "-q",
                    "-I",
                    STEPS,
                    "-s",
                    Integer.toString(scale),
                    "-h",
                    db.address(),
                    "-p",
                    "5432",
                    "-U",
                    "postgres",
                    "postgres"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("PGPASSWORD", db.password());
    Process process = builder.start();
    if (!process.waitFor(LOAD_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("pgbench -i -s " + scale + " took longer than " + LOAD_LIMIT);
    }
    if (process.exitValue() != 0) {
      throw new IOException("pgbench -i exited " + process.exitValue() + "; log: " + log);
    }
  }
}
