package io.pgfleet.gateway.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own PostgreSQL (Zonky's binaries) when no inventory URL is configured. The data
 * directory persists, so the inventory survives restarts; as root Zonky runs PostgreSQL in a user
 * namespace ({@code unshare -U}), where PostgreSQL accepts to run.
 */
public final class EmbeddedInventory implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedInventory.class);

  /** A cold start extracts the binaries and runs initdb: seconds on a 2-core machine. */
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  /** How long a server left behind by a killed gateway gets to shut down before we give up. */
  private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

  public static final String DATABASE = "postgres";
  public static final String USER = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedInventory(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static EmbeddedInventory start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      stopOrphanedServer(dataDir);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPort(port)
              .setPGStartupWait(STARTUP_WAIT)
              .setServerConfig("listen_addresses", "127.0.0.1")
              // Zonky turns this off for speed; the inventory is the record of what exists.
              .setServerConfig("synchronous_commit", "on")
              .start();
      log.info(
          "Embedded inventory PostgreSQL on 127.0.0.1:{}, data in {}", postgres.getPort(), dataDir);
      return new EmbeddedInventory(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the embedded inventory PostgreSQL in " + dataDir.toAbsolutePath(), e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  /**
   * A gateway killed without shutdown leaves its PostgreSQL running with postmaster.pid in the data
   * directory, and a new server would refuse to start there. Stop that process by its pid.
   */
  private static void stopOrphanedServer(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> server =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    if (server.isEmpty() || !isPostgres(server.get())) {
      return; // stale file: PostgreSQL itself ignores it when the pid is gone
    }
    log.warn("Stopping PostgreSQL pid {} left running in {}", server.get().pid(), dataDir);
    server.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown
    try {
      server
          .get()
          .onExit()
          .get(ORPHAN_STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "PostgreSQL pid " + server.get().pid() + " in " + dataDir + " did not stop", e);
    }
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process
        .info()
        .command()
        .map(c -> c.endsWith("/postgres") || c.equals("postgres"))
        .orElse(false);
  }
}
