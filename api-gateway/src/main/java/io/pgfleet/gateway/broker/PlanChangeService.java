package io.pgfleet.gateway.broker;

import static io.pgfleet.gateway.inventory.AuditEvent.ACCEPTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REJECTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REQUESTED;
import static io.pgfleet.workflows.operation.OperationType.ROLLING_UPDATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.inventory.InstanceRecord;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.RollingUpdateRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * OSB update ({@code PATCH /v2/service_instances/:id}): a new {@code plan_id} becomes a plan change
 * (the cluster's rolling update to that plan, asynchronous); the same plan or none is a no-op
 * (200). Parameters cannot be changed (400). The inventory takes the new plan once the operation
 * succeeded (the platform's last_operation poll sees it).
 */
@Service
public class PlanChangeService {

  private final ClusterOperations clusters;
  private final InstanceRepository instances;
  private final OperationLog audit;
  private final ObjectMapper json;

  public PlanChangeService(
      ClusterOperations clusters,
      InstanceRepository instances,
      OperationLog audit,
      ObjectMapper json) {
    this.clusters = clusters;
    this.instances = instances;
    this.audit = audit;
    this.json = json;
  }

  public ResponseEntity<Object> update(String instanceId, String acceptsIncomplete, String body) {
    OsbRequests.requireAsync(acceptsIncomplete);
    JsonNode request = read(body);
    InstanceRecord instance =
        instances
            .find(instanceId)
            .filter(i -> !i.deleted())
            .orElseThrow(
                () -> ApiException.notFound("service instance " + instanceId + " does not exist"));
    if (request.hasNonNull("parameters") && !request.get("parameters").isEmpty()) {
      throw ApiException.badRequest("parameters cannot be changed after provisioning");
    }
    String planId = request.path("plan_id").asText(null);
    if (planId == null || planId.equals(instance.planId())) {
      return OsbResponses.empty(HttpStatus.OK);
    }
    Plan plan =
        PlanCatalog.plan(planId)
            .orElseThrow(
                () -> ApiException.badRequest("plan_id " + planId + " is not in the catalog"));
    String operationId = UUID.randomUUID().toString();
    String detail = "plan " + plan.name();
    audit.record(instanceId, null, operationId, ROLLING_UPDATE, REQUESTED, detail);
    OperationReceipt receipt;
    try {
      receipt =
          clusters.rollingUpdate(
              instanceId,
              new RollingUpdateRequest(
                  operationId, "broker", "plan change to " + plan.name(), Map.of(), true, planId));
    } catch (RuntimeException e) {
      audit.record(instanceId, null, operationId, ROLLING_UPDATE, REJECTED, e.getMessage());
      throw e;
    }
    instances.setLastOperation(instanceId, receipt.operationId());
    audit.record(instanceId, null, receipt.operationId(), ROLLING_UPDATE, ACCEPTED, detail);
    return OsbResponses.accepted(receipt.operationId());
  }

  private JsonNode read(String body) {
    try {
      JsonNode node =
          body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
      if (!node.isObject()) {
        throw ApiException.badRequest("the request body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("the request body is not JSON: " + e.getOriginalMessage());
    }
  }
}
