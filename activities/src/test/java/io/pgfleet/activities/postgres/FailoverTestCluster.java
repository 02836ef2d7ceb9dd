package io.pgfleet.activities.postgres;

import io.pgfleet.activities.host.HostEnvironment;
import io.pgfleet.activities.host.PgpoolHostActivitiesImpl;
import io.pgfleet.activities.host.PostgresHostActivitiesImpl;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolBackend;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Two PostgreSQL "VMs" (.2 first primary, .3 first standby) and one pgpool (.4) in a free
 * 127.250-254.y.0/24 block, which no other test uses, built with the node agent's activities; plus
 * the crude tools of a fault test: SIGKILL, SIGSTOP and SIGCONT of a postmaster.
 */
final class FailoverTestCluster implements AutoCloseable {

  static final int POSTGRES_PORT = 5432;
  static final int PGPOOL_PORT = 9999;
  static final String CLUSTER_ID = "failover-it";

  final String superuserPassword = "su:" + UUID.randomUUID();
  final PostgresCredentials credentials =
      new PostgresCredentials(superuserPassword, "replicator", "repl-" + UUID.randomUUID());
  final String prefix = freeLoopbackPrefix();
  private final Path root;
  private final List<HostEnvironment> vms;
  final List<PostgresHostActivitiesImpl> postgres;
  final PgpoolHostActivitiesImpl pgpool;

  FailoverTestCluster() throws IOException {
    root = Files.createTempDirectory(Path.of("/tmp"), "pgfleet-fo");
    String runAsUser = isRoot() ? "postgres" : null;
    if (runAsUser != null) {
      Files.setOwner(
          root,
          root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAsUser));
    }
    vms = List.of(vm("p0", "postgres_0", 2, runAsUser), vm("p1", "postgres_1", 3, runAsUser));
    postgres =
        List.of(
            new PostgresHostActivitiesImpl(vms.get(0)), new PostgresHostActivitiesImpl(vms.get(1)));
    pgpool = new PgpoolHostActivitiesImpl(vm("g0", "pgpool_0", 4, runAsUser));
  }

  /** Primary on node 0, standby on node 1 (slot postgres_1), pgpool over both. */
  void assemble() {
    postgres
        .get(0)
        .bootstrapPrimary(
            new BootstrapPrimaryInput(CLUSTER_ID, credentials, Map.of(), List.of(host(1))));
    postgres.get(1).buildStandby(standbyOf(0, 1));
    pgpool.configure(
        new ConfigurePgpoolInput(
            CLUSTER_ID,
            List.of(
                new PgpoolBackend(0, host(0), POSTGRES_PORT, "postgres_0"),
                new PgpoolBackend(1, host(1), POSTGRES_PORT, "postgres_1")),
            "postgres",
            superuserPassword,
            "pcpadmin",
            "pcp-" + UUID.randomUUID()));
  }

  /** What a workflow sends node {@code standby} to follow node {@code primary}. */
  BuildStandbyInput standbyOf(int primary, int standby) {
    return new BuildStandbyInput(
        CLUSTER_ID,
        host(primary),
        POSTGRES_PORT,
        "postgres_" + standby,
        credentials,
        Map.of(),
        List.of(host(primary)));
  }

  String host(int vm) {
    return prefix + (vm + 2);
  }

  PostgresEndpoint endpoint(int vm) {
    return new PostgresEndpoint(host(vm), POSTGRES_PORT, superuserPassword);
  }

  Connection superuser(int vm) throws SQLException {
    return SqlTestCluster.connect(
        host(vm), POSTGRES_PORT, "postgres", "postgres", superuserPassword);
  }

  Connection throughPgpool() throws SQLException {
    return SqlTestCluster.connect(host(2), PGPOOL_PORT, "postgres", "postgres", superuserPassword);
  }

  /** The running postmaster of node {@code vm}, from its own pid file. */
  OptionalLong postmasterPid(int vm) throws IOException {
    Path pidFile = pgData(vm).resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
  }

  /** A crash of the whole node: SIGKILL of the postmaster and every backend it started. */
  void killPostgres(int vm) throws Exception {
    long pid = postmasterPid(vm).orElseThrow();
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> children = postmaster.descendants().toList();
    postmaster.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    postmaster.onExit().get(10, TimeUnit.SECONDS);
    for (ProcessHandle child : children) {
      child.onExit().get(10, TimeUnit.SECONDS);
    }
  }

  /** A VM recreated with a fresh persistent disk: the data directory is gone. */
  void wipeData(int vm) throws IOException {
    try (Stream<Path> paths = Files.walk(pgData(vm))) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }

  static void signal(long pid, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
    }
  }

  private Path pgData(int vm) {
    return vms.get(vm).storeDir().resolve("postgres");
  }

  @Override
  public void close() throws IOException {
    for (HostEnvironment vm : vms) {
      SqlTestCluster.killPidIn(vm.storeDir().resolve("postgres").resolve("postmaster.pid"));
    }
    SqlTestCluster.killPidIn(
        root.resolve("g0").resolve("data").resolve("pgpool").resolve("pgpool.pid"));
    deleteTree();
  }

  /**
   * A failover hook pgpool started just before it was killed may still write its report: a
   * directory can fill again while the tree is deleted, so a few more passes (bounded).
   */
  private void deleteTree() throws IOException {
    for (int pass = 1; ; pass++) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(path);
        }
        return;
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        if (pass == 5) {
          throw e;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private HostEnvironment vm(String name, String nodeName, int lastOctet, String runAsUser) {
    return new HostEnvironment(
        "fo-it-" + name,
        nodeName,
        prefix + lastOctet,
        root.resolve(name).resolve("store"),
        root.resolve(name).resolve("data"),
        runAsUser,
        Path.of("/usr/lib/postgresql/15/bin"),
        Path.of("/usr/sbin/pgpool"),
        POSTGRES_PORT,
        PGPOOL_PORT,
        9898);
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static String freeLoopbackPrefix() {
    for (int attempt = 0; attempt < 50; attempt++) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String prefix = "127." + random.nextInt(250, 255) + "." + random.nextInt(1, 250) + ".";
      if (!SqlTestCluster.listening(prefix + "2", POSTGRES_PORT)
          && !SqlTestCluster.listening(prefix + "4", PGPOOL_PORT)) {
        return prefix;
      }
    }
    throw new IllegalStateException("no free loopback block found");
  }
}
