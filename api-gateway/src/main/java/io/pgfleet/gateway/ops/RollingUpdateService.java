package io.pgfleet.gateway.ops;

import static io.pgfleet.gateway.inventory.AuditEvent.ACCEPTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REJECTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REQUESTED;
import static io.pgfleet.workflows.operation.OperationType.ROLLING_UPDATE;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.RollingUpdateRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * An operator's rolling update of one cluster ({@code POST /api/v1/clusters/{id}/rolling-update}):
 * an Update on the cluster's workflow, audited. An empty body recreates every VM with the current
 * manifest; {@code plan} makes it a plan change.
 */
@Service
public class RollingUpdateService {

  static final String REQUESTED_BY = "api";
  private static final List<String> KEYS =
      List.of("description", "postgres_parameters", "recreate", "plan");
  private static final String DEFAULT_DESCRIPTION = "recreate with the current manifest";

  private final ClusterOperations clusters;
  private final InstanceRepository instances;
  private final OperationLog audit;

  public RollingUpdateService(
      ClusterOperations clusters, InstanceRepository instances, OperationLog audit) {
    this.clusters = clusters;
    this.instances = instances;
    this.audit = audit;
  }

  public OpsResponses.OperationAccepted update(String clusterId, JsonNode body) {
    String operationId = UUID.randomUUID().toString();
    RollingUpdateRequest request = parse(operationId, body);
    if (instances.find(clusterId).filter(i -> !i.deleted()).isEmpty()) {
      throw ApiException.notFound("cluster " + clusterId + " does not exist");
    }
    audit.record(clusterId, null, operationId, ROLLING_UPDATE, REQUESTED, request.description());
    OperationReceipt receipt;
    try {
      receipt = clusters.rollingUpdate(clusterId, request);
    } catch (RuntimeException e) {
      audit.record(clusterId, null, operationId, ROLLING_UPDATE, REJECTED, e.getMessage());
      throw e;
    }
    audit.record(clusterId, null, receipt.operationId(), ROLLING_UPDATE, ACCEPTED, null);
    return new OpsResponses.OperationAccepted(receipt.operationId(), clusterId);
  }

  static RollingUpdateRequest parse(String operationId, JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return new RollingUpdateRequest(
          operationId, REQUESTED_BY, DEFAULT_DESCRIPTION, Map.of(), true, null);
    }
    if (!body.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(
            key -> {
              if (!KEYS.contains(key)) {
                throw ApiException.badRequest(
                    "unknown field '"
                        + key
                        + "'; a rolling update takes "
                        + String.join(", ", KEYS));
              }
            });
    String description = text(body, "description");
    if (description != null && description.length() > 500) {
      throw ApiException.badRequest("description is longer than 500 characters");
    }
    JsonNode recreate = body.get("recreate");
    if (recreate != null && !recreate.isBoolean()) {
      throw ApiException.badRequest("recreate must be true or false");
    }
    String plan = text(body, "plan");
    String planId =
        plan == null
            ? null
            : PlanCatalog.PLANS.stream()
                .filter(p -> p.id().equals(plan) || p.name().equals(plan))
                .map(Plan::id)
                .findFirst()
                .orElseThrow(
                    () -> ApiException.badRequest("plan '" + plan + "' is not in the catalog"));
    return new RollingUpdateRequest(
        operationId,
        REQUESTED_BY,
        description == null || description.isBlank() ? DEFAULT_DESCRIPTION : description.strip(),
        parameters(body.get("postgres_parameters")),
        recreate == null || recreate.asBoolean(),
        planId);
  }

  private static Map<String, String> parameters(JsonNode node) {
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
}
