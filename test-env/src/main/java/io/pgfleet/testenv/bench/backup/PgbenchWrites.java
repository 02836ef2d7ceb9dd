package io.pgfleet.testenv.bench.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes WAL the way an application does: pgbench's TPC-B-like transactions (random accounts, so
 * the WAL carries full-page images after each checkpoint) in rounds until the server has written at
 * least the requested amount.
 */
final class PgbenchWrites {

  /** One round: short enough to stop near the target, long enough to amortise the start. */
  private static final int ROUND_SECONDS = 10;

  /** At a few MB/s of WAL, 200 MB takes about a minute; this bounds a stalled server. */
  private static final int MAX_ROUNDS = 60;

  private PgbenchWrites() {}

  /** Returns the WAL bytes written. */
  static long write(Path pgbench, BenchDatabase db, long walBytes, Path log)
      throws IOException, InterruptedException, SQLException {
    String start = db.scalar("SELECT pg_current_wal_lsn()");
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      round(pgbench, db, log);
      long written = written(db, start);
      if (written >= walBytes) {
        return written;
      }
    }
    throw new IllegalStateException(
        "pgbench wrote less than " + walBytes + " bytes of WAL in " + MAX_ROUNDS + " rounds");
  }

  private static long written(BenchDatabase db, String start) throws SQLException {
    return Long.parseLong(
        db.scalar("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + start + "')::bigint"));
  }

  private static void round(Path pgbench, BenchDatabase db, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    pgbench.toString(),
                    "-n",
                    "-c",
                    "2",
                    "-T",
                    Integer.toString(ROUND_SECONDS),
                    "-h",
                    db.address(),
                    "-p",
                    "5432",
                    "-U",
                    "postgres",
                    "postgres"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("PGPASSWORD", db.password());
    Process process = builder.start();
    Duration limit = Duration.ofSeconds(ROUND_SECONDS * 6L);
    if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("a " + ROUND_SECONDS + " s pgbench round took longer than " + limit);
    }
    if (process.exitValue() != 0) {
      throw new IOException("pgbench exited " + process.exitValue() + "; log: " + log);
    }
  }
}
