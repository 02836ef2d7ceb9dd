package io.pgfleet.activities.postgres;

import io.pgfleet.activities.host.HostEnvironment;
import io.pgfleet.activities.host.OrphanedSharedMemory;
import io.pgfleet.activities.host.PgpoolHostActivitiesImpl;
import io.pgfleet.activities.host.PostgresHostActivitiesImpl;
import io.pgfleet.activities.host.ProcessGroup;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolBackend;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A primary, a streaming standby and two pgpools on loopback "VMs" of one free 127.x.y.0/24 block
 * (.2 primary, .3 standby, .4 and .5 pgpool, .9 never used), built with the node agent's own host
 * activities. The block comes from 127.20-99.*, apart from the host activities' IT (127.100-249.*)
 * and the local cloud (127.0.*), so the modules' tests can run side by side.
 */
final class SqlTestCluster implements AutoCloseable {

  static final int POSTGRES_PORT = 5432;
  static final int PGPOOL_PORT = 9999;

  /** How long the tests wait for the standby to catch up before calling it broken. */
  private static final long CATCH_UP_MILLIS = 10_000;

  private static final long CATCH_UP_POLL_MILLIS = 50;

  // pgpool.conf takes no quotes or backslashes; ':' still needs escaping in the pgpass file
  final String superuserPassword = "su:" + UUID.randomUUID();
  private final PostgresCredentials credentials =
      new PostgresCredentials(superuserPassword, "replicator", "repl-" + UUID.randomUUID());
  final String prefix = freeLoopbackPrefix();
  private final Path root;
  private final String runAsUser;
  final PostgresHostActivitiesImpl primary;
  final PostgresHostActivitiesImpl standby;
  private final List<PgpoolHostActivitiesImpl> pgpools;
  private final List<HostEnvironment> vms;

  SqlTestCluster() throws IOException {
    root = Files.createTempDirectory(Path.of("/tmp"), "pgfleet-sql");
    runAsUser = isRoot() ? "postgres" : null;
    if (runAsUser != null) {
      // PostgreSQL refuses root: the service user must own the VM directories below
      Files.setOwner(
          root,
          root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAsUser));
    }
    vms =
        List.of(
            vm("p0", "postgres_0", 2),
            vm("p1", "postgres_1", 3),
            vm("g0", "pgpool_0", 4),
            vm("g1", "pgpool_1", 5));
    primary = new PostgresHostActivitiesImpl(vms.get(0));
    standby = new PostgresHostActivitiesImpl(vms.get(1));
    pgpools =
        List.of(new PgpoolHostActivitiesImpl(vms.get(2)), new PgpoolHostActivitiesImpl(vms.get(3)));
  }

  /** What a provision does before its SQL steps: primary, standby, pgpools. */
  void assemble() {
    primary.bootstrapPrimary(
        new BootstrapPrimaryInput("sql-it", credentials, Map.of(), List.of(host(1))));
    standby.buildStandby(
        new BuildStandbyInput(
            "sql-it",
            host(0),
            POSTGRES_PORT,
            "postgres_1",
            credentials,
            Map.of(),
            List.of(host(0))));
    List<PgpoolBackend> backends =
        List.of(
            new PgpoolBackend(0, host(0), POSTGRES_PORT, "postgres_0"),
            new PgpoolBackend(1, host(1), POSTGRES_PORT, "postgres_1"));
    for (PgpoolHostActivitiesImpl pgpool : pgpools) {
      pgpool.configure(
          new ConfigurePgpoolInput(
              "sql-it",
              backends,
              "postgres",
              superuserPassword,
              "pcpadmin",
              "pcp-" + UUID.randomUUID()));
    }
  }

  String host(int vm) {
    return vms.get(vm).address();
  }

  PostgresEndpoint primaryEndpoint() {
    return new PostgresEndpoint(host(0), POSTGRES_PORT, superuserPassword);
  }

  PostgresEndpoint standbyEndpoint() {
    return new PostgresEndpoint(host(1), POSTGRES_PORT, superuserPassword);
  }

  List<String> pgpoolEndpoints() {
    return List.of(host(2) + ":" + PGPOOL_PORT, host(3) + ":" + PGPOOL_PORT);
  }

  static Connection connect(String host, int port, String database, String user, String password)
      throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
  }

  Connection superuser(int vm, String database) throws SQLException {
    return connect(host(vm), POSTGRES_PORT, database, "postgres", superuserPassword);
  }

  static String query(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * Waits until the standby replayed everything written so far: pgpool opens a session on every
   * backend, so a new role must exist on the standby before it can log in through pgpool.
   */
  void awaitStandbyCaughtUp() throws Exception {
    String target;
    try (Connection c = superuser(0, "postgres")) {
      target = query(c, "SELECT pg_current_wal_lsn()::text");
    }
    long deadline = System.currentTimeMillis() + CATCH_UP_MILLIS;
    try (Connection c = superuser(1, "postgres")) {
      while (System.currentTimeMillis() < deadline) {
        if ("t".equals(query(c, "SELECT pg_last_wal_replay_lsn() >= ?::pg_lsn", target))) {
          return;
        }
        Thread.sleep(CATCH_UP_POLL_MILLIS);
      }
    }
    throw new AssertionError("standby did not replay up to " + target);
  }

  /** Stops every process the VMs run (by the pids they recorded) and removes their disks. */
  @Override
  public void close() throws IOException {
    for (PgpoolHostActivitiesImpl pgpool : pgpools) {
      quietly(pgpool::stop);
    }
    quietly(() -> standby.stop(new StopPostgresInput(StopPostgresInput.ShutdownMode.IMMEDIATE)));
    quietly(() -> primary.stop(new StopPostgresInput(StopPostgresInput.ShutdownMode.IMMEDIATE)));
    for (HostEnvironment vm : vms) {
      // if a stop failed: the postmaster's and pgpool's own pid files name what is left
      killPidIn(vm.storeDir().resolve("postgres").resolve("postmaster.pid"));
      killPidIn(vm.dataDir().resolve("pgpool").resolve("pgpool.pid"));
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }

  private HostEnvironment vm(String name, String nodeName, int lastOctet) {
    return new HostEnvironment(
        "sql-it-" + name,
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

  private static void quietly(Runnable stop) {
    try {
      stop.run();
    } catch (RuntimeException e) {
      // the pid-file sweep below catches whatever this left running
    }
  }

  /**
   * SIGKILL the process a pid file names and its descendants, releasing their shared memory;
   * nothing to read, nothing done.
   */
  static void killPidIn(Path pidFile) {
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      Set<Long> killed = new LinkedHashSet<>();
      killed.add(pid);
      ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(c -> killed.add(c.pid())));
      Optional<ProcessGroup> group = ProcessGroup.of(pid);
      group.ifPresent(g -> killed.addAll(g.members()));
      group.ifPresent(ProcessGroup::kill);
      killed.forEach(each -> ProcessHandle.of(each).ifPresent(ProcessHandle::destroyForcibly));
      OrphanedSharedMemory.release(killed);
    } catch (IOException | RuntimeException e) {
      // nothing readable: nothing to kill
    }
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** A 127.x.y.0/24 block nobody listens in. */
  private static String freeLoopbackPrefix() {
    for (int attempt = 0; attempt < 50; attempt++) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String prefix = "127." + random.nextInt(20, 100) + "." + random.nextInt(1, 250) + ".";
      if (!listening(prefix + "2", POSTGRES_PORT) && !listening(prefix + "4", PGPOOL_PORT)) {
        return prefix;
      }
    }
    throw new IllegalStateException("no free loopback block found");
  }

  static boolean listening(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
