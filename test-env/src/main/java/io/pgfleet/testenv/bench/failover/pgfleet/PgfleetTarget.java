package io.pgfleet.testenv.bench.failover.pgfleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.activities.bosh.BoshDirector;
import io.pgfleet.activities.bosh.BoshDirectorConfig;
import io.pgfleet.activities.bosh.BoshVm;
import io.pgfleet.activities.bosh.HttpBoshDirector;
import io.pgfleet.testenv.bench.BrokerClient;
import io.pgfleet.testenv.bench.EnvFile;
import io.pgfleet.testenv.bench.failover.FailoverReport;
import io.pgfleet.testenv.bench.failover.FailoverTarget;
import io.pgfleet.testenv.bench.failover.ProbeEndpoint;
import io.pgfleet.testenv.bench.failover.ProbeTable;
import io.pgfleet.testenv.cloud.vm.VmProcesses;
import io.pgfleet.workflows.cluster.ClusterNaming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A pgfleet cluster of the running {@code ./pgfleet up} environment. The kill is every process of
 * the primary's VM (found by its {@code PGFLEET_VM_ID}), SIGKILL by pid; the VM's node agent runs
 * inside the local cloud's JVM and has no pid of its own, so it stays up (the failover does not use
 * the old primary's agent before fencing it, and fencing powers the VM off, agent included).
 * Healing is pgfleet's own: the failover operation fences, promotes, re-routes and rebuilds the old
 * primary as a standby.
 */
public final class PgfleetTarget implements FailoverTarget {

  /** pgpool health checks (~1 s), the tolerance (5 s) and a confirmation round, with margin. */
  static final Duration FAILOVER_START_TIMEOUT = Duration.ofMinutes(2);

  /** Fence, promote, re-route, then rebuild (BOSH start, pg_rewind or a base backup). */
  static final Duration HEAL_TIMEOUT = Duration.ofMinutes(5);

  private static final long POLL_MILLIS = 250;

  private final OpsClient ops;
  private final BoshDirector director;
  private final PgfleetCluster cluster;
  private final Consumer<String> progress;
  private final VmProcesses vmProcesses = new VmProcesses();
  private ProbeEndpoint endpoint;
  private Set<String> operationsBeforeKill = Set.of();
  private volatile boolean whole = true;
  private boolean closed;

  private PgfleetTarget(
      OpsClient ops, BoshDirector director, BrokerClient broker, Consumer<String> progress) {
    this.ops = ops;
    this.director = director;
    this.cluster = new PgfleetCluster(broker);
    this.progress = progress;
  }

  /** From {@code <state>/env}, as {@code ./pgfleet up} writes it. */
  public static PgfleetTarget fromEnvironment(Path state, Consumer<String> progress)
      throws Exception {
    Path file = state.resolve("env");
    Map<String, String> env = EnvFile.read(file);
    String api = EnvFile.require(env, "PGFLEET_API_URL", file);
    String ca = env.get("BOSH_CA_CERT");
    BoshDirectorConfig bosh =
        new BoshDirectorConfig(
            EnvFile.require(env, "BOSH_ENVIRONMENT", file),
            EnvFile.require(env, "BOSH_CLIENT", file),
            EnvFile.require(env, "BOSH_CLIENT_SECRET", file),
            ca == null || ca.isEmpty() ? null : Files.readString(Path.of(ca)),
            null);
    return new PgfleetTarget(
        new OpsClient(api, EnvFile.require(env, "PGFLEET_ADMIN_TOKEN", file)),
        new HttpBoshDirector(bosh),
        new BrokerClient(
            api,
            EnvFile.require(env, "PGFLEET_BROKER_USER", file),
            EnvFile.require(env, "PGFLEET_BROKER_PASSWORD", file)),
        progress);
  }

  @Override
  public String system() {
    return FailoverReport.PGFLEET;
  }

  @Override
  public void prepare() throws Exception {
    long start = System.nanoTime();
    cluster.provision();
    endpoint = cluster.bind();
    try (Connection connection = endpoint.connect()) {
      ProbeTable.create(connection);
    }
    awaitWhole();
    progress.accept(
        String.format(
            Locale.ROOT,
            "pgfleet: cluster %s provisioned and bound in %.1f s",
            cluster.id(),
            (System.nanoTime() - start) / 1e9));
  }

  /** The benchmark's cluster (known once {@link #prepare()} provisioned it). */
  public String clusterId() {
    return cluster.id();
  }

  /** The operations API of the environment, for benchmarks that drive operations themselves. */
  public OpsClient ops() {
    return ops;
  }

  @Override
  public ProbeEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public Kill killPrimary() throws Exception {
    JsonNode detail = ops.cluster(cluster.id());
    JsonNode primary =
        ClusterState.primary(detail)
            .orElseThrow(() -> new IllegalStateException("no primary in " + detail));
    String host = primary.path("host").asText();
    String vmCid = vmOf(host);
    operationsBeforeKill = ClusterState.operationIds(ops.operations(cluster.id()));
    long start = System.currentTimeMillis();
    whole = false;
    vmProcesses.kill(vmCid);
    long done = System.currentTimeMillis();
    return new Kill(
        start,
        done,
        "%s (%s, VM %s): every process with PGFLEET_VM_ID (SIGKILL); its node agent stays up"
            .formatted(primary.path("name").asText(), host, vmCid));
  }

  @Override
  public Restoration restore(Kill kill) throws Exception {
    JsonNode failover = awaitFailover(FAILOVER_START_TIMEOUT, false);
    String operationId = failover.path("operation_id").asText();
    failover = awaitFailover(HEAL_TIMEOUT, true);
    boolean fenced = ClusterState.fencingProven(failover);
    String steps = ClusterState.steps(failover);
    if (!"succeeded".equals(failover.path("state").asText())) {
      throw new IllegalStateException(
          "failover %s %s (fencing proven: %s): %s; steps: %s"
              .formatted(
                  operationId,
                  failover.path("state").asText(),
                  fenced,
                  failover.path("error").asText(),
                  steps));
    }
    awaitWhole();
    whole = true;
    return new Restoration(
        fenced,
        String.format(
            Locale.ROOT,
            "failover %s succeeded, fencing proven: %s, cluster whole again %.1f s after the"
                + " kill; steps: %s",
            operationId,
            fenced,
            (System.currentTimeMillis() - kill.startMillis()) / 1000.0,
            steps));
  }

  /** The failover started after the kill; with {@code finished}, once it has ended. */
  private JsonNode awaitFailover(Duration timeout, boolean finished) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var failover = ClusterState.newFailover(ops.operations(cluster.id()), operationsBeforeKill);
      if (failover.isPresent() && (!finished || ClusterState.finished(failover.get()))) {
        return failover.get();
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException(
        finished
            ? "the failover of cluster " + cluster.id() + " did not finish in " + timeout
            : "no failover operation started on cluster "
                + cluster.id()
                + " within "
                + timeout
                + " of the kill (is pgpool's failure report wired to the cluster workflow?)");
  }

  private void awaitWhole() throws Exception {
    long deadline = System.nanoTime() + HEAL_TIMEOUT.toNanos();
    JsonNode detail = ops.cluster(cluster.id());
    while (!ClusterState.whole(detail)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "cluster " + cluster.id() + " is not ready with a primary and a standby: " + detail);
      }
      Thread.sleep(POLL_MILLIS);
      detail = ops.cluster(cluster.id());
    }
  }

  /** The VM cid (its PGFLEET_VM_ID) of the instance with this address, from the Director. */
  private String vmOf(String host) {
    String deployment = ClusterNaming.deployment(cluster.id());
    return director.vms(deployment).stream()
        .filter(vm -> vm.ips() != null && vm.ips().contains(host))
        .map(BoshVm::cid)
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no VM of " + deployment + " has address " + host));
  }

  /** Unbinds and deprovisions the cluster; idempotent (also run from the shutdown hook). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    progress.accept("pgfleet: removing cluster " + cluster.id() + ": " + cluster.remove(whole));
  }
}
