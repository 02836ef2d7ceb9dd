package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolBackend;
import io.pgfleet.workflows.host.PostgresCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Four loopback "VMs" in one free 127.x.y.0/24 block (.2 primary, .3 standby, .4 pgpool, .5 a
 * spare), the activity inputs a workflow would send them, and JDBC helpers.
 */
final class TestCluster implements AutoCloseable {

  private static final long REPLAY_WAIT_MILLIS = 10_000;

  // ':' and '\' need escaping in password files; pgpool.conf takes no backslash
  final String superuserPassword = "su:" + UUID.randomUUID();
  final String replicationPassword = "repl:\\" + UUID.randomUUID();
  final String pcpPassword = "pcp:\\" + UUID.randomUUID();
  final String appPassword = UUID.randomUUID().toString();
  final PostgresCredentials credentials =
      new PostgresCredentials(superuserPassword, "replicator", replicationPassword);

  final String prefix = TestVm.freeLoopbackPrefix();
  final Path root;
  final TestVm primaryVm;
  final TestVm standbyVm;
  final TestVm pgpoolVm;
  final TestVm spareVm;

  TestCluster() throws IOException {
    root = Files.createTempDirectory(Path.of("/tmp"), "pgfleet-it");
    if (HostUsers.agentIsRoot()) {
      // the service user must reach the VM directories below
      Files.setOwner(
          root,
          root.getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(TestVm.SERVICE_USER));
    }
    primaryVm = TestVm.create(root, "vm1", "postgres_0", prefix + "2");
    standbyVm = TestVm.create(root, "vm2", "postgres_1", prefix + "3");
    pgpoolVm = TestVm.create(root, "vm3", "pgpool_0", prefix + "4");
    spareVm = TestVm.create(root, "vm4", "postgres_2", prefix + "5");
  }

  /** Kills every process the VMs run and removes their disks. */
  @Override
  public void close() {
    for (TestVm vm : List.of(pgpoolVm, standbyVm, primaryVm, spareVm)) {
      vm.killAll();
    }
    HostFiles.deleteTree(root);
  }

  BootstrapPrimaryInput bootstrapInput(Map<String, String> plan) {
    return new BootstrapPrimaryInput("cluster-1", credentials, plan, List.of(prefix + "3"));
  }

  BuildStandbyInput standbyInput(String primaryHost) {
    return new BuildStandbyInput(
        "cluster-1", primaryHost, 5432, "postgres_1", credentials, Map.of(), List.of(prefix + "2"));
  }

  List<PgpoolBackend> backends() {
    return List.of(
        new PgpoolBackend(0, prefix + "2", 5432, "postgres_0"),
        new PgpoolBackend(1, prefix + "3", 5432, "postgres_1"));
  }

  ConfigurePgpoolInput pgpoolInput(List<PgpoolBackend> backends) {
    return new ConfigurePgpoolInput(
        "cluster-1", backends, "postgres", superuserPassword, "pcpadmin", pcpPassword);
  }

  Connection superuser(TestVm vm) throws SQLException {
    return DriverManager.getConnection(vm.jdbcUrl(5432), "postgres", superuserPassword);
  }

  Connection app(TestVm vm, int port) throws SQLException {
    return DriverManager.getConnection(vm.jdbcUrl(port), "app", appPassword);
  }

  String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  String show(TestVm vm, String setting) throws SQLException {
    try (Connection c = superuser(vm)) {
      return query(c, "SHOW " + setting);
    }
  }

  /** Waits until the standby has replayed everything the primary has written so far. */
  void awaitStandbyCaughtUp() throws Exception {
    String target;
    try (Connection c = superuser(primaryVm)) {
      target = query(c, "SELECT pg_current_wal_lsn()::text");
    }
    long deadline = System.currentTimeMillis() + REPLAY_WAIT_MILLIS;
    try (Connection c = superuser(standbyVm);
        PreparedStatement s = c.prepareStatement("SELECT pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
      s.setString(1, target);
      while (System.currentTimeMillis() < deadline) {
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            return;
          }
        }
        Thread.sleep(50);
      }
    }
    throw new AssertionError("standby did not replay up to " + target);
  }
}
