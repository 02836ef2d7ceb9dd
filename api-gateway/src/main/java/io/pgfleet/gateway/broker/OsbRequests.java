package io.pgfleet.gateway.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads OSB request bodies and parameters, answering malformed ones with a 400 that says exactly
 * what is wrong (bodies are parsed here rather than bound, so the description can).
 */
@Component
public class OsbRequests {

  private final ObjectMapper mapper;

  public OsbRequests(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The spec's AsyncRequired answer when the platform cannot poll: every operation here is. */
  public static void requireAsync(String acceptsIncomplete) {
    if (!"true".equalsIgnoreCase(acceptsIncomplete)) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "AsyncRequired",
          "This service plan requires client support for asynchronous service operations:"
              + " add ?accepts_incomplete=true");
    }
  }

  /** A required query parameter of DELETE requests (service_id, plan_id). */
  public static String requireParameter(String name, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("the query parameter " + name + " is required");
    }
    return value;
  }

  public ProvisionBody provision(String body) {
    ObjectNode json = object(body);
    String serviceId = requiredText(json, "service_id");
    String planId = requiredText(json, "plan_id");
    Plan plan = requirePlan(serviceId, planId);
    ObjectNode context = optionalObject(json, "context");
    // Deprecated in favour of context but still sent by older platforms: keep them for display.
    copyIfAbsent(json, context, "organization_guid");
    copyIfAbsent(json, context, "space_guid");
    return new ProvisionBody(serviceId, plan, optionalObject(json, "parameters"), context);
  }

  public BindBody bind(String body) {
    ObjectNode json = object(body);
    String serviceId = requiredText(json, "service_id");
    String planId = requiredText(json, "plan_id");
    Plan plan = requirePlan(serviceId, planId);
    ObjectNode bindResource = optionalObject(json, "bind_resource");
    String appGuid =
        bindResource.hasNonNull("app_guid")
            ? bindResource.get("app_guid").asText()
            : json.hasNonNull("app_guid") ? json.get("app_guid").asText() : null;
    return new BindBody(serviceId, plan, optionalObject(json, "parameters"), appGuid);
  }

  /** The plan, or a 400 naming the service and plans this broker offers. */
  public static Plan requirePlan(String serviceId, String planId) {
    if (!PlanCatalog.SERVICE_ID.equals(serviceId)) {
      throw ApiException.badRequest(
          "unknown service_id '"
              + serviceId
              + "'; this broker offers "
              + PlanCatalog.SERVICE_NAME
              + " with id "
              + PlanCatalog.SERVICE_ID);
    }
    return PlanCatalog.plan(planId)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "unknown plan_id '"
                        + planId
                        + "'; the plans of "
                        + PlanCatalog.SERVICE_NAME
                        + " are "
                        + PlanCatalog.PLANS.stream()
                            .map(p -> p.name() + " (" + p.id() + ")")
                            .collect(Collectors.joining(", "))));
  }

  private ObjectNode object(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest(
          "the request body is missing; send a JSON object with service_id and plan_id");
    }
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "the request body is not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    }
    if (json == null || !json.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    return (ObjectNode) json;
  }

  private static String requiredText(ObjectNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      throw ApiException.badRequest(field + " is required");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw ApiException.badRequest(field + " must be a non-empty string");
    }
    return value.asText();
  }

  private ObjectNode optionalObject(ObjectNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return mapper.createObjectNode();
    }
    if (!value.isObject()) {
      throw ApiException.badRequest(field + " must be a JSON object");
    }
    return (ObjectNode) value;
  }

  private static void copyIfAbsent(ObjectNode from, ObjectNode to, String field) {
    if (from.hasNonNull(field) && !to.has(field)) {
      to.set(field, from.get(field));
    }
  }
}
