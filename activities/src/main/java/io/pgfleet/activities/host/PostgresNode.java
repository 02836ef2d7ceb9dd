package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The PostgreSQL side of one VM: its collaborators and the steps its activities share. */
final class PostgresNode {

  private final HostEnvironment env;
  private final HostLayout layout;
  private final HostFiles files;
  private final HostCommandRunner runner;
  private final PostgresServer server;
  private final PostgresProvisioner provisioner;
  private final PostgresConfigWriter config;
  private final PostgresJdbc jdbc;

  PostgresNode(HostEnvironment env) {
    this.env = env;
    this.layout = new HostLayout(env);
    this.files = new HostFiles(env);
    this.runner = new HostCommandRunner(env);
    this.server = new PostgresServer(env, layout, runner, new PidFiles(layout, files));
    this.provisioner = new PostgresProvisioner(env, layout, files, runner);
    this.config = new PostgresConfigWriter(layout, files);
    this.jdbc = new PostgresJdbc(env);
  }

  /** Directories the service user needs; the ephemeral disk may have been wiped since. */
  void prepare() {
    layout.checkSocketPath(env.postgresPort());
    files.ensureDir(env.storeDir());
    files.ensureDir(layout.agentStateDir());
    files.ensureDir(env.dataDir());
    files.ensureDir(layout.socketDir());
    files.ensureDir(layout.sysDir());
    files.ensureDir(layout.runDir());
    files.ensureDir(layout.logDir());
  }

  Optional<PgPass> storedPgPass() {
    return HostFiles.read(layout.pgpassFile()).flatMap(PgPass::parse);
  }

  void storePgPass(PgPass pgpass) {
    files.update(layout.pgpassFile(), pgpass.render());
  }

  Optional<String> storedClusterId() {
    return HostFiles.read(layout.clusterIdFile()).map(String::strip);
  }

  void storeClusterId(String clusterId) {
    files.update(layout.clusterIdFile(), clusterId + "\n");
  }

  /** Connects as superuser with the first of the passwords that works. */
  Connection connect(List<String> passwords) {
    return jdbc.connectWithAny(passwords);
  }

  /**
   * Runs the server with the configuration on disk: starts it, or applies the change to a running
   * one. Returns a superuser connection.
   */
  Connection run(ConfigChange change, List<String> passwords) throws SQLException {
    boolean wasRunning = server.isRunning();
    server.start();
    Connection c = connect(passwords);
    try {
      if (wasRunning) {
        c = apply(change, c, passwords);
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    config.markApplied();
    return c;
  }

  /** Starts the server unless it runs; a fresh start loads the configuration on disk. */
  void start() {
    boolean wasRunning = server.isRunning();
    server.start();
    if (!wasRunning) {
      config.markApplied();
    }
  }

  /**
   * Applies a configuration change to a running server: a reload, or a restart when a changed
   * setting only takes effect at server start. Returns a connection usable afterwards.
   */
  Connection apply(ConfigChange change, Connection c, List<String> passwords) throws SQLException {
    if (!change.any()) {
      return c;
    }
    if (PostgresAdmin.needsRestart(c, change.changedSettings())) {
      c.close();
      server.restart();
      return connect(passwords);
    }
    server.reload();
    return c;
  }

  RuntimeException sqlFailure(String step, SQLException e) {
    return jdbc.failure(step + " on " + env.address(), e);
  }

  RuntimeException conflict(String message) {
    return HostFailures.of(FailureType.HOST_STATE_CONFLICT, message);
  }

  HostEnvironment env() {
    return env;
  }

  HostLayout layout() {
    return layout;
  }

  HostFiles files() {
    return files;
  }

  HostCommandRunner runner() {
    return runner;
  }

  PostgresServer server() {
    return server;
  }

  PostgresProvisioner provisioner() {
    return provisioner;
  }

  PostgresConfigWriter config() {
    return config;
  }

  PostgresJdbc jdbc() {
    return jdbc;
  }
}
