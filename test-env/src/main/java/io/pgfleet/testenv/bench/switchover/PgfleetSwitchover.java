package io.pgfleet.testenv.bench.switchover;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.testenv.bench.failover.ProbeEndpoint;
import io.pgfleet.testenv.bench.failover.pgfleet.ClusterState;
import io.pgfleet.testenv.bench.failover.pgfleet.OpsClient;
import io.pgfleet.testenv.bench.failover.pgfleet.PgfleetTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * pgfleet's planned switchover through the operations API: {@code POST
 * /api/v1/clusters/{id}/switchover}, then the operation is followed until it ends. The cluster
 * (provisioned and bound through the broker) is bench/failover's {@link PgfleetTarget}.
 */
final class PgfleetSwitchover implements SwitchoverTarget {

  static final String SYSTEM = "pgfleet";

  /** Hold, catch up, stop, promote, re-route, rejoin: seconds; past this it is broken. */
  static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(3);

  /** A 422 ConcurrencyError right after provisioning or a rejoin: retried this long. */
  static final Duration CONCURRENCY_RETRY = Duration.ofSeconds(60);

  /** The operation is read from workflow state; a tenth of a second keeps "done" precise. */
  private static final long POLL_MILLIS = 100;

  private final PgfleetTarget cluster;

  private PgfleetSwitchover(PgfleetTarget cluster) {
    this.cluster = cluster;
  }

  static PgfleetSwitchover fromEnvironment(Path state, Consumer<String> progress) throws Exception {
    return new PgfleetSwitchover(PgfleetTarget.fromEnvironment(state, progress));
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public void prepare() throws Exception {
    cluster.prepare();
  }

  @Override
  public ProbeEndpoint endpoint() {
    return cluster.endpoint();
  }

  @Override
  public Switch switchover() throws Exception {
    OpsClient ops = cluster.ops();
    String id = cluster.clusterId();
    String from = primaryName(ops.cluster(id));
    String path = "/api/v1/clusters/" + id + "/switchover";
    String body = "{\"reason\":\"bench/switchover\"}";
    long retryDeadline = System.nanoTime() + CONCURRENCY_RETRY.toNanos();
    long start = System.currentTimeMillis();
    OpsClient.Answer answer = ops.post(path, body);
    while (isConcurrencyError(answer) && System.nanoTime() < retryDeadline) {
      Thread.sleep(POLL_MILLIS);
      start = System.currentTimeMillis();
      answer = ops.post(path, body);
    }
    if (answer.status() != 202) {
      throw new IllegalStateException(
          "switchover of " + id + " was refused: " + answer.status() + " " + answer.body());
    }
    String operationId = operationId(answer.body());
    JsonNode operation = awaitOperation(ops, operationId);
    long done = System.currentTimeMillis();
    if (!"succeeded".equals(operation.path("state").asText())) {
      throw new IllegalStateException(
          "switchover %s of %s %s: %s; steps: %s"
              .formatted(
                  operationId,
                  id,
                  operation.path("state").asText(),
                  operation.path("error").asText(),
                  ClusterState.steps(operation)));
    }
    return new Switch(
        start,
        done,
        "POST switchover (%s away from %s) succeeded; steps: %s"
            .formatted(operationId, from, ClusterState.steps(operation)));
  }

  @Override
  public String awaitWhole() throws Exception {
    long start = System.nanoTime();
    long deadline = start + OPERATION_TIMEOUT.toNanos();
    JsonNode detail = cluster.ops().cluster(cluster.clusterId());
    while (!ClusterState.whole(detail)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "cluster " + cluster.clusterId() + " is not whole after the switchover: " + detail);
      }
      Thread.sleep(POLL_MILLIS);
      detail = cluster.ops().cluster(cluster.clusterId());
    }
    return String.format(
        Locale.ROOT,
        "cluster whole (primary %s) %.1f s after done",
        primaryName(detail),
        (System.nanoTime() - start) / 1e9);
  }

  private static JsonNode awaitOperation(OpsClient ops, String operationId) throws Exception {
    long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode operation = ops.operation(operationId);
      String state = operation.path("state").asText();
      if ("succeeded".equals(state) || "failed".equals(state)) {
        return operation;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException(
        "switchover " + operationId + " did not finish in " + OPERATION_TIMEOUT);
  }

  /** The 202's operation id (snake case, as the API writes its records; camel case tolerated). */
  private static String operationId(JsonNode accepted) {
    JsonNode id = accepted.hasNonNull("operation_id") ? accepted.get("operation_id") : null;
    if (id == null) {
      id = accepted.path("operationId");
    }
    if (id.asText().isEmpty()) {
      throw new IllegalStateException("the switchover answer names no operation: " + accepted);
    }
    return id.asText();
  }

  private static String primaryName(JsonNode cluster) {
    return ClusterState.primary(cluster).map(n -> n.path("name").asText()).orElse("no primary");
  }

  private static boolean isConcurrencyError(OpsClient.Answer answer) {
    return answer.status() == 422
        && "ConcurrencyError".equals(answer.body().path("error").asText());
  }

  @Override
  public void close() {
    cluster.close();
  }
}
