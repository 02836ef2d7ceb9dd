package io.pgfleet.testenv.backup;

import io.pgfleet.testenv.temporal.FreePorts;
import io.pgfleet.workflows.backup.BackupRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Proves a snapshot backup restorable the way a restore will use it: a copy of the snapshot's data
 * directory without its WAL, the catalog's backup_label written into it, then PostgreSQL recovers
 * from the cluster's archive (the VM's restore_command: pgBackRest archive-get) to the end of the
 * backup and promotes. Runs on its own port and socket directory, archiving off, so the cluster's
 * archive stays untouched.
 */
final class RestoreProbe implements AutoCloseable {

  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final long COMMAND_SECONDS = 120;
  private static final long PROMOTE_MILLIS = 60_000;

  private final Path dir;
  private final Path data;
  private final String user;
  private final int port;
  private boolean started;

  /** Copies {@code snapshotData} (the snapshot's {@code postgres} directory) under {@code dir}. */
  RestoreProbe(Path snapshotData, Path dir, BackupRecord backup) throws Exception {
    this.dir = dir;
    this.data = dir.resolve("postgres");
    UserPrincipal owner = Files.getOwner(snapshotData);
    this.user = owner.getName();
    this.port = FreePorts.pick(BackupStack.HOST);
    Files.createDirectories(dir);
    Files.setOwner(dir, owner);
    run(List.of("cp", "-a", snapshotData.toString(), data.toString()));
    Files.deleteIfExists(data.resolve("postmaster.pid"));
    clearWal();
    write("backup_label", backup.snapshot().backupLabel());
    if (backup.snapshot().tablespaceMap() != null) {
      write("tablespace_map", backup.snapshot().tablespaceMap());
    }
    write("recovery.signal", "");
    String overrides =
        String.join(
            "\n",
            "port = " + port,
            "listen_addresses = ''",
            "unix_socket_directories = '" + dir + "'",
            "archive_mode = off",
            "logging_collector = off",
            "recovery_target = 'immediate'",
            "recovery_target_action = 'promote'",
            "restore_command = '" + restoreCommand() + "'",
            "");
    Files.writeString(
        data.resolve("postgresql.auto.conf"),
        overrides,
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /** Starts the copy and waits until recovery ended and it was promoted. */
  void recoverAndPromote() throws Exception {
    started = true; // a failed start may still leave a postmaster behind
    try {
      asUser(
          BIN.resolve("pg_ctl").toString(),
          "start",
          "-w",
          "-t",
          Long.toString(COMMAND_SECONDS),
          "-D",
          data.toString(),
          "-l",
          dir.resolve("restore.log").toString());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nserver log:\n" + log(), e);
    }
    long deadline = System.currentTimeMillis() + PROMOTE_MILLIS;
    while (!"f".equals(query("SELECT pg_is_in_recovery()"))) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("restored copy not promoted; see " + dir.resolve("restore.log"));
      }
      Thread.sleep(200);
    }
  }

  /** One value over the copy's socket (pg_hba trusts the local postgres user). */
  String query(String sql) throws Exception {
    return asUser(
            BIN.resolve("psql").toString(),
            "-h",
            dir.toString(),
            "-p",
            Integer.toString(port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-Atc",
            sql)
        .strip();
  }

  String log() throws IOException {
    Path log = dir.resolve("restore.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws Exception {
    if (started && Files.exists(data.resolve("postmaster.pid"))) {
      asUser(BIN.resolve("pg_ctl").toString(), "stop", "-m", "immediate", "-D", data.toString());
    }
  }

  /**
   * The VM's restore_command (from the managed include file the copy carries) told where this data
   * directory is: pgBackRest refuses to fetch WAL for another path than its pg1-path.
   */
  private String restoreCommand() throws IOException {
    String line =
        Files.readAllLines(data.resolve("pgfleet.conf")).stream()
            .filter(l -> l.startsWith("restore_command"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the copy has no restore_command"));
    String command = line.substring(line.indexOf('\'') + 1, line.lastIndexOf('\''));
    return command.replace(" archive-get ", " --pg1-path=" + data + " archive-get ");
  }

  /** Recovery must fetch every segment from the archive, not find it on the copied disk. */
  private void clearWal() throws IOException {
    try (Stream<Path> files = Files.list(data.resolve("pg_wal"))) {
      for (Path file : files.toList()) {
        if (Files.isRegularFile(file)) {
          Files.delete(file);
        }
      }
    }
  }

  private void write(String name, String content) throws IOException {
    Path file = data.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.setOwner(file, Files.getOwner(data));
  }

  private String asUser(String... argv) throws Exception {
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("runuser", "-u", user, "--"));
    }
    command.addAll(List.of(argv));
    return run(command);
  }

  private static String run(List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " timed out");
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
    }
    return output;
  }
}
