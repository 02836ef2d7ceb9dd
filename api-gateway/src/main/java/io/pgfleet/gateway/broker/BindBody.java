package io.pgfleet.gateway.broker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgfleet.gateway.inventory.BindingRow;
import io.pgfleet.workflows.catalog.Plan;
import java.util.Objects;

/** A validated OSB bind request body. */
public record BindBody(String serviceId, Plan plan, ObjectNode parameters, String appGuid) {

  /** Same instance, parameters and application: a repeated bind. */
  public boolean sameAs(String instanceId, BindingRow binding) {
    return instanceId.equals(binding.instanceId())
        && parameters.equals(binding.parameters())
        && Objects.equals(appGuid, binding.appGuid());
  }

  public BindingRow toRow(String bindingId, String instanceId) {
    return BindingRow.requested(bindingId, instanceId, parameters, appGuid);
  }
}
