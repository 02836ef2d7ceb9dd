package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolBackend;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresCredentials;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A primary (.2), its streaming standby (.3) and three pgpools with a watchdog (.4, .5, .6) in a
 * free 127.250-254.y.0/24 block, built with the node agent's activities; pgpools are configured at
 * once, as the provision workflow does.
 */
final class WatchdogTestCluster implements AutoCloseable {

  static final String CLUSTER_ID = "watchdog-it";
  static final int PGPOOLS = 3;

  /** pgpool with a watchdog starts in ~10 s (peer discovery, then a leader election). */
  private static final long CONFIGURE_WAIT_SECONDS = 60;

  private final String superuserPassword = "su-" + UUID.randomUUID();
  private final PostgresCredentials credentials =
      new PostgresCredentials(superuserPassword, "replicator", "repl-" + UUID.randomUUID());
  final String pcpPassword = "pcp-" + UUID.randomUUID();
  final String prefix = freePrefix();
  private final Path root;
  final TestVm primaryVm;
  final TestVm standbyVm;
  final List<TestVm> pgpoolVms = new ArrayList<>();
  final PostgresHostActivitiesImpl primary;
  final PostgresHostActivitiesImpl standby;
  final List<PgpoolHostActivitiesImpl> pgpools = new ArrayList<>();

  WatchdogTestCluster() throws IOException {
    root = Files.createTempDirectory(Path.of("/tmp"), "pgfleet-wd");
    if (HostUsers.agentIsRoot()) {
      Files.setOwner(
          root,
          root.getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(TestVm.SERVICE_USER));
    }
    primaryVm = TestVm.create(root, "p0", "postgres_0", prefix + "2");
    standbyVm = TestVm.create(root, "p1", "postgres_1", prefix + "3");
    primary = new PostgresHostActivitiesImpl(primaryVm.env());
    standby = new PostgresHostActivitiesImpl(standbyVm.env());
    List<String> members = IntStream.range(0, PGPOOLS).mapToObj(this::pgpoolAddress).toList();
    for (int i = 0; i < PGPOOLS; i++) {
      TestVm vm = TestVm.create(root, "g" + i, "pgpool_" + i, members.get(i));
      pgpoolVms.add(vm);
      pgpools.add(new PgpoolHostActivitiesImpl(vm.env(), new PgpoolWatchdog(i, members)));
    }
  }

  String pgpoolAddress(int index) {
    return prefix + (4 + index);
  }

  String primaryHost() {
    return prefix + "2";
  }

  void assemble() throws Exception {
    primary.bootstrapPrimary(
        new BootstrapPrimaryInput(CLUSTER_ID, credentials, Map.of(), List.of(prefix + "3")));
    standby.buildStandby(
        new BuildStandbyInput(
            CLUSTER_ID,
            primaryHost(),
            5432,
            "postgres_1",
            credentials,
            Map.of(),
            List.of(primaryHost())));
    ConfigurePgpoolInput input =
        new ConfigurePgpoolInput(
            CLUSTER_ID,
            List.of(
                new PgpoolBackend(0, primaryHost(), 5432, "postgres_0"),
                new PgpoolBackend(1, prefix + "3", 5432, "postgres_1")),
            "postgres",
            superuserPassword,
            "pcpadmin",
            pcpPassword);
    ExecutorService pool = Executors.newFixedThreadPool(PGPOOLS);
    try {
      List<Future<PgpoolNodeStatus>> started =
          pgpools.stream().map(p -> pool.submit(() -> p.configure(input))).toList();
      for (Future<PgpoolNodeStatus> f : started) {
        f.get(CONFIGURE_WAIT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** pcp_watchdog_info of one pgpool ("Quorum state : QUORUM EXIST", "Leader Host Name : …"). */
  String watchdogInfo(int index) {
    TestVm vm = pgpoolVms.get(index);
    HostCommand command =
        HostCommand.of(
                Duration.ofSeconds(10),
                vm.env().pgpoolTool("pcp_watchdog_info"),
                "-h",
                vm.env().address(),
                "-p",
                Integer.toString(vm.env().pcpPort()),
                "-U",
                "pcpadmin",
                "-w",
                "-v")
            .withEnv("PCPPASSFILE", vm.layout().pgpoolDir().resolve("pcppass").toString());
    return new HostCommandRunner(vm.env()).probe(command).output();
  }

  Path reportsDir(int index) {
    return PgpoolFailureReport.directory(pgpoolVms.get(index).env());
  }

  /** SIGKILL of the postmaster (pid from its pid file) and of every process it started. */
  void killPrimary() throws Exception {
    long pid =
        Long.parseLong(
            Files.readAllLines(primaryVm.layout().pgData().resolve("postmaster.pid"))
                .get(0)
                .trim());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> children = postmaster.descendants().toList();
    postmaster.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    postmaster.onExit().get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    for (TestVm vm : pgpoolVms) {
      vm.killAll();
    }
    standbyVm.killAll();
    primaryVm.killAll();
    HostFiles.deleteTree(root);
  }

  /** A block nobody listens in whose pgpools' watchdog ports (all addresses) are free too. */
  private static String freePrefix() {
    for (int attempt = 0; attempt < 50; attempt++) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String prefix = "127." + random.nextInt(250, 255) + "." + random.nextInt(1, 250) + ".";
      boolean free =
          !TestVm.listening(prefix + "2", 5432)
              && IntStream.range(0, PGPOOLS)
                  .allMatch(
                      i ->
                          !TestVm.listening(prefix + (4 + i), 9999)
                              && bindable(PgpoolWatchdogPorts.watchdog(prefix + (4 + i))));
      if (free) {
        return prefix;
      }
    }
    throw new IllegalStateException("no free loopback block found");
  }

  private static boolean bindable(int port) {
    try (ServerSocket tcp = new ServerSocket();
        DatagramSocket udp = new DatagramSocket(null)) {
      tcp.bind(new InetSocketAddress(port));
      udp.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
