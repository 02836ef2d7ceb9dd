package io.pgfleet.testenv.bench.failover.pgfleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Reading the operations API's answers: who is primary, is the cluster whole, what did a failover
 * do.
 */
public final class ClusterState {

  static final String PROVE_FENCED = "prove fenced";

  private ClusterState() {}

  /** The primary's node (name, host) from {@code GET /api/v1/clusters/{id}}. */
  public static Optional<JsonNode> primary(JsonNode cluster) {
    return nodes(cluster).stream()
        .filter(n -> "primary".equals(n.path("role").asText()))
        .findFirst();
  }

  /** Ready, with one primary and one standby: what every run starts from. */
  public static boolean whole(JsonNode cluster) {
    List<String> roles = nodes(cluster).stream().map(n -> n.path("role").asText()).toList();
    return "ready".equals(cluster.path("phase").asText())
        && roles.stream().filter("primary"::equals).count() == 1
        && roles.stream().filter("standby"::equals).count() == 1;
  }

  static Set<String> operationIds(JsonNode operations) {
    return Set.copyOf(
        StreamSupport.stream(operations.spliterator(), false)
            .map(op -> op.path("operation_id").asText())
            .toList());
  }

  /** The first failover operation that is not among {@code known} (those before the kill). */
  static Optional<JsonNode> newFailover(JsonNode operations, Set<String> known) {
    return StreamSupport.stream(operations.spliterator(), false)
        .filter(op -> "failover".equals(op.path("type").asText()))
        .filter(op -> !known.contains(op.path("operation_id").asText()))
        .findFirst();
  }

  static boolean finished(JsonNode operation) {
    String state = operation.path("state").asText();
    return "succeeded".equals(state) || "failed".equals(state);
  }

  /** The failover's "prove fenced" step succeeded: the old primary was shown unable to write. */
  static boolean fencingProven(JsonNode operation) {
    for (JsonNode step : operation.path("steps")) {
      if (PROVE_FENCED.equals(step.path("name").asText())
          && "succeeded".equals(step.path("state").asText())) {
        return true;
      }
    }
    return false;
  }

  /** "confirm 1.2 s, choose 0.1 s, …" from the steps' start and finish times. */
  public static String steps(JsonNode operation) {
    List<String> parts = new ArrayList<>();
    for (JsonNode step : operation.path("steps")) {
      String name = step.path("name").asText();
      String state = step.path("state").asText();
      if (step.hasNonNull("started_at") && step.hasNonNull("finished_at")) {
        Duration took =
            Duration.between(instant(step.path("started_at")), instant(step.path("finished_at")));
        name += String.format(Locale.ROOT, " %.1f s", took.toMillis() / 1000.0);
      }
      parts.add("succeeded".equals(state) ? name : name + " (" + state + ")");
    }
    return String.join(", ", parts);
  }

  /** ISO text, as Spring Boot writes Instants, or epoch seconds with a fraction. */
  static Instant instant(JsonNode value) {
    if (value.isNumber()) {
      return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
    }
    return Instant.parse(value.asText());
  }

  private static List<JsonNode> nodes(JsonNode cluster) {
    return StreamSupport.stream(cluster.path("nodes").spliterator(), false).toList();
  }
}
