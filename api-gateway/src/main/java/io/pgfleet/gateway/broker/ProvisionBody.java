package io.pgfleet.gateway.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgfleet.gateway.inventory.InstanceRecord;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.cluster.ProvisionRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** A validated OSB provision request body. */
public record ProvisionBody(
    String serviceId, Plan plan, ObjectNode parameters, ObjectNode context) {

  /** Same service, plan and parameters: the spec's "identical" (context may differ). */
  public boolean sameAs(InstanceRecord instance) {
    return serviceId.equals(instance.serviceId())
        && plan.id().equals(instance.planId())
        && parameters.equals(instance.parameters());
  }

  public InstanceRecord toRecord(String instanceId, String operationId) {
    return InstanceRecord.requested(
        instanceId, serviceId, plan.id(), parameters, context, operationId);
  }

  public ProvisionRequest toWorkflowRequest(String operationId) {
    return new ProvisionRequest(
        operationId, serviceId, plan.id(), strings(parameters), strings(context), null);
  }

  /** Workflows take string maps: nested values travel as their JSON text. */
  public static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    object
        .fields()
        .forEachRemaining(
            e ->
                values.put(
                    e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    return values;
  }
}
