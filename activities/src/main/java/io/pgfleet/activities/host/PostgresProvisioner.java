package io.pgfleet.activities.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Puts a cluster on the disk: initdb for a primary, pg_basebackup for a standby. */
final class PostgresProvisioner {

  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);

  /** Copies the whole cluster; generous for plan-sized databases, bounded so a hang surfaces. */
  private static final Duration BASE_BACKUP_TIMEOUT = Duration.ofHours(2);

  /** A primary that does not answer within this is reported, not waited for. */
  private static final String CONNECT_TIMEOUT_SECONDS = "10";

  private final HostEnvironment env;
  private final HostLayout layout;
  private final HostFiles files;
  private final HostCommandRunner runner;

  PostgresProvisioner(
      HostEnvironment env, HostLayout layout, HostFiles files, HostCommandRunner runner) {
    this.env = env;
    this.layout = layout;
    this.files = files;
    this.runner = runner;
  }

  /**
   * initdb with the superuser password from a private file that is removed afterwards. A data
   * directory left over from an initdb that did not finish is removed first.
   */
  void initdb(String superuserPassword) {
    HostFiles.deleteTree(layout.pgData());
    Path passwordFile = layout.agentStateDir().resolve("initdb-password");
    files.write(passwordFile, superuserPassword + "\n");
    try {
      runner.run(
          HostCommand.of(
              INITDB_TIMEOUT,
              env.postgresTool("initdb"),
              "-D",
              layout.pgData().toString(),
              "-U",
              PgPass.SUPERUSER,
              "--pwfile=" + passwordFile,
              "--auth-local=trust",
              "--auth-host=scram-sha-256",
              "-E",
              "UTF8",
              "--locale=C.UTF-8"));
    } finally {
      HostFiles.delete(passwordFile);
    }
  }

  /**
   * A fresh copy of the primary with the given replication slot, created on the way unless it
   * exists already (a retried or repeated build keeps using the same slot).
   */
  void baseBackup(PostgresSettings.Upstream upstream) {
    HostCommand withSlot = baseBackupCommand(upstream, true);
    // pg_basebackup refuses a non-empty target; an earlier attempt may have left files behind
    HostFiles.deleteTree(layout.pgData());
    CommandResult first = runner.probe(withSlot);
    if (first.succeeded()) {
      return;
    }
    if (!first.output().contains("already exists")) {
      throw HostCommandRunner.failure(withSlot, first);
    }
    HostFiles.deleteTree(layout.pgData());
    runner.run(baseBackupCommand(upstream, false));
  }

  private HostCommand baseBackupCommand(PostgresSettings.Upstream upstream, boolean createSlot) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-h",
            upstream.host(),
            "-p",
            Integer.toString(upstream.port()),
            "-U",
            upstream.replicationUser(),
            "-D",
            layout.pgData().toString(),
            "-X",
            "stream",
            "-c",
            "fast",
            "-w"));
    if (createSlot) {
      args.add("-C");
    }
    args.addAll(List.of("-S", upstream.slotName()));
    return HostCommand.of(
            BASE_BACKUP_TIMEOUT, env.postgresTool("pg_basebackup"), args.toArray(String[]::new))
        .withEnv("PGPASSFILE", layout.pgpassFile().toString())
        .withEnv("PGCONNECT_TIMEOUT", CONNECT_TIMEOUT_SECONDS)
        .withEnv("PGAPPNAME", env.nodeName() + "_basebackup");
  }
}
