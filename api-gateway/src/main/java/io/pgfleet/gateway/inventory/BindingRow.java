package io.pgfleet.gateway.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A service binding as the inventory remembers it: what was asked, never the credentials.
 *
 * @param appGuid the platform's application (bind_resource.app_guid or app_guid), may be null
 */
public record BindingRow(
    String bindingId,
    String instanceId,
    JsonNode parameters,
    String appGuid,
    Instant createdAt,
    Instant deletedAt) {

  public boolean deleted() {
    return deletedAt != null;
  }

  public static BindingRow requested(
      String bindingId, String instanceId, JsonNode parameters, String appGuid) {
    return new BindingRow(bindingId, instanceId, parameters, appGuid, null, null);
  }
}
