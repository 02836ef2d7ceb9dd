package io.pgfleet.testenv.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.testenv.bench.BrokerClient;
import io.pgfleet.testenv.bench.BrokerClient.Answer;
import io.pgfleet.testenv.bench.failover.ProbeEndpoint;
import io.pgfleet.testenv.bench.failover.WriteProbe;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ClusterNaming;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A provisioned and bound cluster of a {@link LocalStack} for fault tests: where its primary and
 * standby are now (the ops API's view), the application's endpoint through every pgpool, and
 * bounded waits for the cluster's failover operations.
 */
final class FaultCluster {

  /**
   * Provisioning and a failover with its rebuild take seconds locally; this bounds a broken run.
   */
  static final Duration OPERATION_BOUND = Duration.ofMinutes(3);

  final String id = UUID.randomUUID().toString();
  final String deployment = ClusterNaming.deployment(id);
  final LocalStack stack;
  final OpsApi ops;
  private JsonNode credentials;

  private FaultCluster(LocalStack stack) {
    this.stack = stack;
    this.ops = new OpsApi(stack);
  }

  static FaultCluster provisionAndBind(LocalStack stack) throws Exception {
    FaultCluster cluster = new FaultCluster(stack);
    BrokerClient broker = stack.broker();
    String plan = PlanCatalog.SMALL.id();
    Answer provision = broker.provision(cluster.id, PlanCatalog.SERVICE_ID, plan);
    if (provision.status() != 202) {
      throw new AssertionError("provision answered " + provision);
    }
    await("provisioned", () -> "ready".equals(cluster.phase()));
    Answer bind =
        broker.bind(cluster.id, UUID.randomUUID().toString(), PlanCatalog.SERVICE_ID, plan);
    if (bind.status() != 201) {
      throw new AssertionError("bind answered " + bind);
    }
    cluster.credentials = bind.body().get("credentials");
    return cluster;
  }

  /** Every pgpool (the binding's host:port list), tried in order by the driver. */
  ProbeEndpoint endpoint() {
    String hosts =
        StreamSupport.stream(credentials.get("hosts").spliterator(), false)
            .map(JsonNode::asText)
            .collect(Collectors.joining(","));
    return new ProbeEndpoint(
        "jdbc:postgresql://" + hosts + "/" + credentials.get("database").asText(),
        credentials.get("username").asText(),
        credentials.get("password").asText());
  }

  /** The same login straight to one PostgreSQL VM, bypassing pgpool. */
  ProbeEndpoint direct(LocalVm vm) {
    return new ProbeEndpoint(
        "jdbc:postgresql://" + vm.address() + ":5432/" + credentials.get("database").asText(),
        credentials.get("username").asText(),
        credentials.get("password").asText());
  }

  String phase() throws Exception {
    return ops.cluster(id).path("phase").asText();
  }

  /** The VM the ops API names for a role (primary or standby). */
  LocalVm vm(String role) throws Exception {
    JsonNode node = ops.node(id, role).orElseThrow(() -> new AssertionError("no " + role));
    String[] name = node.path("name").asText().split("/");
    return stack.cloud.vm(deployment, name[0], Integer.parseInt(name[1])).orElseThrow();
  }

  LocalVm pgpool(int index) {
    return stack.cloud.vm(deployment, "pgpool", index).orElseThrow();
  }

  /** Ids of the failover operations so far. */
  Set<String> failoverIds() throws Exception {
    Set<String> ids = new HashSet<>();
    for (JsonNode op : ops.operations(id)) {
      if ("failover".equals(op.path("type").asText())) {
        ids.add(op.path("operation_id").asText());
      }
    }
    return ids;
  }

  /** The first failover operation not in {@code known} once it finished. */
  JsonNode awaitFinishedFailover(Set<String> known) throws Exception {
    JsonNode[] found = new JsonNode[1];
    await(
        "a new failover to finish",
        () -> {
          Optional<JsonNode> op = newFailover(known);
          found[0] = op.orElse(null);
          return op.isPresent() && isFinished(op.get());
        });
    return found[0];
  }

  Optional<JsonNode> newFailover(Set<String> known) throws Exception {
    for (JsonNode op : ops.operations(id)) {
      if ("failover".equals(op.path("type").asText())
          && !known.contains(op.path("operation_id").asText())) {
        return Optional.of(ops.operation(id, op.path("operation_id").asText()));
      }
    }
    return Optional.empty();
  }

  static boolean isFinished(JsonNode op) {
    String state = op.path("state").asText();
    return state.equals("succeeded") || state.equals("failed");
  }

  /** How many steps of the operation have that name. */
  static long steps(JsonNode op, String name) {
    return StreamSupport.stream(op.path("steps").spliterator(), false)
        .filter(s -> name.equals(s.path("name").asText()))
        .count();
  }

  /** Waits for the cluster to be ready with both PostgreSQL nodes running in their roles. */
  void awaitWhole() throws Exception {
    await(
        "the cluster to be whole again",
        () -> {
          JsonNode cluster = ops.cluster(id);
          return "ready".equals(cluster.path("phase").asText())
              && StreamSupport.stream(cluster.path("nodes").spliterator(), false)
                  .allMatch(n -> "running".equals(n.path("state").asText()));
        });
  }

  /** A write probe through every pgpool that has written before the fault (its baseline). */
  WriteProbe startProbe(String name) throws Exception {
    String label = name + "-" + UUID.randomUUID();
    WriteProbe probe =
        WriteProbe.start(endpoint(), label, stack.stateDir.resolve("probe-" + label + ".log"));
    if (!probe.awaitAcks(10, Duration.ofSeconds(30))) {
      probe.close();
      throw new AssertionError("the probe did not write before the fault: " + probe.lastError());
    }
    return probe;
  }

  /** The node is in recovery and replays a row written through pgpool now. */
  void assertStreamingStandby(LocalVm node) throws Exception {
    String marker = UUID.randomUUID().toString();
    try (Connection c = endpoint().connect();
        Statement s = c.createStatement()) {
      s.execute("create table if not exists markers(text text)");
      s.execute("insert into markers values ('" + marker + "')");
    }
    try (Connection c = direct(node).connect();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          throw new AssertionError(node.address() + " is not a standby");
        }
      }
      await(
          "the marker on " + node.address(),
          () -> {
            try (ResultSet rs =
                s.executeQuery("select count(*) from markers where text = '" + marker + "'")) {
              rs.next();
              return rs.getInt(1) == 1;
            }
          });
    }
  }

  static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + OPERATION_BOUND.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + OPERATION_BOUND + " waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
