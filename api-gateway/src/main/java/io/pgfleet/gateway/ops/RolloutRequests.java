package io.pgfleet.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.gateway.web.Ids;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.rollout.FleetRolloutInput;
import io.pgfleet.workflows.rollout.FleetSelector;
import io.pgfleet.workflows.rollout.RolloutChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads {@code POST /api/v1/rollouts} into a rollout, with one clear 400 per mistake. Which
 * clusters must be said explicitly (a rollout of the whole fleet is never a default).
 */
final class RolloutRequests {

  private static final List<String> KEYS =
      List.of(
          "rollout_id",
          "clusters",
          "plan",
          "cluster_ids",
          "description",
          "postgres_parameters",
          "recreate",
          "canaries",
          "max_in_flight",
          "max_failure_ratio",
          "canary_health_wait_seconds",
          "respect_maintenance_windows");
  private static final Pattern PARAMETER = Pattern.compile("[a-z_][a-z0-9_.]{0,62}");
  private static final int DEFAULT_CANARIES = 1;
  private static final int DEFAULT_MAX_IN_FLIGHT = 5;
  private static final double DEFAULT_MAX_FAILURE_RATIO = 0.2;
  private static final long DEFAULT_CANARY_HEALTH_WAIT_SECONDS = 600;
  private static final long MAX_CANARY_HEALTH_WAIT_SECONDS = 7 * 24 * 3600;

  private RolloutRequests() {}

  static FleetRolloutInput parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest(
          "the request body must be a JSON object like {\"clusters\":\"all\",\"description\":…}");
    }
    body.fieldNames()
        .forEachRemaining(
            key -> {
              if (!KEYS.contains(key)) {
                throw ApiException.badRequest(
                    "unknown field '" + key + "'; a rollout takes " + String.join(", ", KEYS));
              }
            });
    String rolloutId = text(body, "rollout_id");
    rolloutId =
        rolloutId == null ? UUID.randomUUID().toString() : Ids.require("rollout_id", rolloutId);
    String description = text(body, "description");
    if (description == null || description.isBlank() || description.length() > 500) {
      throw ApiException.badRequest(
          "description is required: what the rollout changes (at most 500 characters)");
    }
    int canaries = integer(body, "canaries", DEFAULT_CANARIES, 0, 1000);
    int maxInFlight = integer(body, "max_in_flight", DEFAULT_MAX_IN_FLIGHT, 1, 1000);
    double ratio = ratio(body);
    long healthWait =
        integer(
            body,
            "canary_health_wait_seconds",
            DEFAULT_CANARY_HEALTH_WAIT_SECONDS,
            0,
            MAX_CANARY_HEALTH_WAIT_SECONDS);
    return new FleetRolloutInput(
        rolloutId,
        selector(body),
        new RolloutChange(description.strip(), parameters(body), bool(body, "recreate", false)),
        canaries,
        maxInFlight,
        ratio,
        healthWait,
        bool(body, "respect_maintenance_windows", true),
        null);
  }

  private static FleetSelector selector(JsonNode body) {
    int given =
        (body.has("clusters") ? 1 : 0)
            + (body.has("plan") ? 1 : 0)
            + (body.has("cluster_ids") ? 1 : 0);
    if (given != 1) {
      throw ApiException.badRequest(
          "say which clusters with exactly one of \"clusters\":\"all\", \"plan\":\"<name or id>\" or \"cluster_ids\":[…]");
    }
    if (body.has("clusters")) {
      if (!"all".equals(text(body, "clusters"))) {
        throw ApiException.badRequest("clusters only takes \"all\"");
      }
      return FleetSelector.all();
    }
    if (body.has("plan")) {
      String plan = text(body, "plan");
      return FleetSelector.plan(
          PlanCatalog.PLANS.stream()
              .filter(p -> p.id().equals(plan) || p.name().equals(plan))
              .map(Plan::id)
              .findFirst()
              .orElseThrow(
                  () -> ApiException.badRequest("plan '" + plan + "' is not in the catalog")));
    }
    JsonNode ids = body.get("cluster_ids");
    if (!ids.isArray() || ids.isEmpty()) {
      throw ApiException.badRequest("cluster_ids must be a non-empty array of cluster ids");
    }
    List<String> clusterIds = new ArrayList<>();
    ids.forEach(
        id -> {
          if (!id.isTextual()) {
            throw ApiException.badRequest("cluster_ids must hold strings");
          }
          String clusterId = Ids.require("cluster id", id.asText());
          if (clusterIds.contains(clusterId)) {
            throw ApiException.badRequest("cluster " + clusterId + " is listed twice");
          }
          clusterIds.add(clusterId);
        });
    return FleetSelector.list(clusterIds);
  }

  private static Map<String, String> parameters(JsonNode body) {
    JsonNode node = body.get("postgres_parameters");
    Map<String, String> parameters = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return parameters;
    }
    if (!node.isObject()) {
      throw ApiException.badRequest(
          "postgres_parameters must be an object of setting names to values");
    }
    node.fields()
        .forEachRemaining(
            field -> {
              if (!PARAMETER.matcher(field.getKey()).matches()) {
                throw ApiException.badRequest(
                    "'" + field.getKey() + "' is not a PostgreSQL setting name");
              }
              if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw ApiException.badRequest(
                    "the value of " + field.getKey() + " must be a string or number");
              }
              parameters.put(field.getKey(), field.getValue().asText());
            });
    return parameters;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(field + " must be a string");
    }
    return value.asText();
  }

  private static int integer(JsonNode body, String field, long fallback, long min, long max) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return (int) fallback;
    }
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      throw ApiException.badRequest(field + " must be a whole number from " + min + " to " + max);
    }
    return value.asInt();
  }

  private static double ratio(JsonNode body) {
    JsonNode value = body.get("max_failure_ratio");
    if (value == null || value.isNull()) {
      return DEFAULT_MAX_FAILURE_RATIO;
    }
    if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
      throw ApiException.badRequest("max_failure_ratio must be a number from 0 to 1");
    }
    return value.asDouble();
  }

  private static boolean bool(JsonNode body, String field, boolean fallback) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw ApiException.badRequest(field + " must be true or false");
    }
    return value.asBoolean();
  }
}
