package io.pgfleet.testenv.bench.failover.patroni;

import io.pgfleet.testenv.bench.failover.FailoverTarget;
import io.pgfleet.testenv.bench.failover.ProbeEndpoint;
import io.pgfleet.testenv.bench.failover.ProbeTable;
import io.pgfleet.testenv.cloud.vm.Dirs;
import io.pgfleet.testenv.cloud.vm.ListeningSockets;
import io.pgfleet.testenv.cloud.vm.VmUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A two-member Patroni 3.0 cluster on one etcd 3.4, every process on its own loopback address and
 * started by pid, in a temporary directory; logs are copied to {@code logDir} on close. Clients
 * find the leader through a multi-host URL with {@code targetServerType=primary} (no HAProxy).
 */
public final class PatroniCluster implements FailoverTarget {

  /** The unprivileged user PostgreSQL runs as when we are root (Debian's postgres user). */
  static final String RUN_AS = "postgres";

  /** initdb, start and a base backup take seconds; past this something is wrong. */
  static final Duration BOOTSTRAP_TIMEOUT = Duration.ofMinutes(2);

  /** pg_rewind of the killed primary and its restart as a replica, with margin. */
  static final Duration HEAL_TIMEOUT = Duration.ofMinutes(3);

  /** Patroni stops PostgreSQL with a fast shutdown (one checkpoint): seconds at most. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private static final long POLL_MILLIS = 250;
  private static final int PASSWORD_BYTES = 16;

  private final PatroniSettings settings;
  private final Path logDir;
  private final String password = HexFormat.of().formatHex(randomBytes());
  private final PatroniRest rest = new PatroniRest();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Path workDir;
  private volatile LoopbackBlock addresses;
  private volatile EtcdServer etcd;
  private volatile List<PatroniNode> nodes = List.of();

  public PatroniCluster(PatroniSettings settings, Path logDir) {
    this.settings = settings;
    this.logDir = logDir;
  }

  @Override
  public String system() {
    return settings.system();
  }

  @Override
  public void prepare() throws Exception {
    workDir = Files.createTempDirectory("pgfleet-bench-" + settings.system() + "-");
    Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    addresses = LoopbackBlock.free(LoopbackBlock.localCloudLeases(), new ListeningSockets());
    etcd = new EtcdServer(addresses.etcd(), workDir.resolve("etcd"));
    ensureOpen();
    etcd.start();
    String runAs = VmUser.isRoot() ? RUN_AS : null;
    nodes =
        List.of(
            new PatroniNode("member1", addresses.member1(), workDir.resolve("member1"), runAs),
            new PatroniNode("member2", addresses.member2(), workDir.resolve("member2"), runAs));
    VmUser owner = VmUser.resolve(RUN_AS);
    for (PatroniNode node : nodes) {
      Files.createDirectories(node.dir());
      node.writeConfig(
          PatroniConfig.render(
              settings, node.name(), node.address(), node.dir(), etcd.clientAddress(), password));
      owner.own(node.dir());
    }
    // Both at once: the one that takes etcd's initialize key bootstraps, the other clones it.
    ensureOpen();
    for (PatroniNode node : nodes) {
      node.start();
    }
    awaitWhole(BOOTSTRAP_TIMEOUT);
    try (Connection connection = endpoint().connect()) {
      ProbeTable.create(connection);
    }
  }

  @Override
  public ProbeEndpoint endpoint() {
    return new ProbeEndpoint(
        "jdbc:postgresql://%s:%d,%s:%d/postgres?targetServerType=primary"
            .formatted(
                addresses.member1(),
                PatroniConfig.POSTGRES_PORT,
                addresses.member2(),
                PatroniConfig.POSTGRES_PORT),
        PatroniConfig.SUPERUSER,
        password);
  }

  @Override
  public Kill killPrimary() throws Exception {
    PatroniNode leader = leader();
    long start = System.currentTimeMillis();
    leader.kill();
    long done = System.currentTimeMillis();
    return new Kill(start, done, leader + ": patroni, postmaster and every backend (SIGKILL)");
  }

  /** Starts the killed member again: Patroni rewinds it and follows the new leader. */
  @Override
  public Restoration restore(Kill kill) throws Exception {
    long start = System.nanoTime();
    for (PatroniNode node : nodes) {
      if (!node.isRunning()) {
        NodeProcesses.kill(null, node.dataDir()); // nothing of it may be left
        ensureOpen();
        node.start();
      }
    }
    awaitWhole(HEAL_TIMEOUT);
    return new Restoration(
        null,
        String.format(
            Locale.ROOT,
            "killed member back as a streaming replica after %.1f s",
            (System.nanoTime() - start) / 1e9));
  }

  /** The running leader's member name, from Patroni's REST API. */
  public String leaderName() throws InterruptedException {
    return leader().name();
  }

  /** Both members' names, in start order. */
  public List<String> memberNames() {
    return nodes.stream().map(PatroniNode::name).toList();
  }

  /** A member's patroni.yml, which patronictl reads to find etcd and the REST APIs. */
  public Path configFile() {
    return nodes.get(0).dir().resolve("patroni.yml");
  }

  /** Waits until both members run and the leader streams to the replica. */
  public void awaitWhole() throws Exception {
    awaitWhole(HEAL_TIMEOUT);
  }

  private PatroniNode leader() throws InterruptedException {
    List<PatroniMember> members =
        rest.members(addresses())
            .orElseThrow(() -> new IllegalStateException("no Patroni member answers"));
    PatroniMember leader =
        members.stream()
            .filter(PatroniMember::isRunningLeader)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no running leader in " + members));
    return nodes.stream()
        .filter(n -> n.name().equals(leader.name()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown leader " + leader));
  }

  /** Both members running, and the leader streams WAL to the replica. */
  private void awaitWhole(Duration timeout) throws Exception {
    awaitMembers(timeout, PatroniMember::whole);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (streamingReplicas() == 1) {
        return;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException(
        system() + ": the leader does not stream to the replica; see " + logs());
  }

  private int streamingReplicas() {
    try (Connection connection = endpoint().connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")) {
      rows.next();
      return rows.getInt(1);
    } catch (Exception e) {
      return 0;
    }
  }

  private void awaitMembers(Duration timeout, Predicate<List<PatroniMember>> ok)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<PatroniMember> last = List.of();
    while (System.nanoTime() < deadline) {
      last = rest.members(addresses()).orElse(List.of());
      if (ok.test(last)) {
        return;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException(
        system()
            + ": Patroni members did not get there in "
            + timeout
            + ": "
            + last
            + "; see "
            + logs());
  }

  /** Every live process this cluster started (etcd, patroni, PostgreSQL), for tests. */
  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    EtcdServer etcd = this.etcd;
    if (etcd != null) {
      etcd.pid().ifPresent(pids::add);
    }
    nodes.forEach(node -> pids.addAll(node.pids()));
    return pids;
  }

  private List<String> addresses() {
    return nodes.stream().map(PatroniNode::address).toList();
  }

  private String logs() {
    return nodes.stream().map(n -> n.log().toString()).toList().toString();
  }

  /** Closing (Ctrl-C) may come from another thread while a process is about to start. */
  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException(system() + " is closed");
    }
  }

  /**
   * Stops every process by pid and deletes the working directory, keeping the logs. Idempotent;
   * also run from the shutdown hook, while the bench thread may still be inside a step.
   */
  @Override
  public void close() throws Exception {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    nodes.forEach(PatroniNode::terminate); // both shut down at once
    for (PatroniNode node : nodes) {
      node.stop(STOP_GRACE);
    }
    if (etcd != null) {
      etcd.close();
    }
    if (workDir != null) {
      keepLogs();
      Dirs.deleteTree(workDir);
    }
  }

  private void keepLogs() throws IOException {
    Files.createDirectories(logDir);
    for (PatroniNode node : nodes) {
      if (Files.exists(node.log())) {
        Files.copy(
            node.log(),
            logDir.resolve(system() + "-" + node.name() + ".log"),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path etcdLog = workDir.resolve("etcd").resolve("etcd.log");
    if (Files.exists(etcdLog)) {
      Files.copy(
          etcdLog, logDir.resolve(system() + "-etcd.log"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[PASSWORD_BYTES];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
