package io.pgfleet.gateway.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A service instance as the inventory remembers it.
 *
 * @param parameters the OSB "parameters" object as the platform sent it
 * @param deletedAt set once deprovisioning succeeded; null while the instance exists
 */
public record InstanceRecord(
    String id,
    String serviceId,
    String planId,
    JsonNode parameters,
    JsonNode context,
    Instant createdAt,
    Instant deletedAt,
    String lastOperationId) {

  public boolean deleted() {
    return deletedAt != null;
  }

  /** A new, not yet stored instance. */
  public static InstanceRecord requested(
      String id,
      String serviceId,
      String planId,
      JsonNode parameters,
      JsonNode context,
      String operationId) {
    return new InstanceRecord(id, serviceId, planId, parameters, context, null, null, operationId);
  }
}
