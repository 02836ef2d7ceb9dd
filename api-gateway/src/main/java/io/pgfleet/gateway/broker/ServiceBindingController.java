package io.pgfleet.gateway.broker;

import io.pgfleet.gateway.web.Ids;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** OSB service bindings: synchronous bind (credentials) and unbind. */
@RestController
@RequestMapping("/v2/service_instances/{instanceId}/service_bindings/{bindingId}")
public class ServiceBindingController {

  private final BindingService bindings;

  public ServiceBindingController(BindingService bindings) {
    this.bindings = bindings;
  }

  @PutMapping
  public ResponseEntity<Object> bind(
      @PathVariable String instanceId,
      @PathVariable String bindingId,
      @RequestBody(required = false) String body) {
    return bindings.bind(
        Ids.require("instance_id", instanceId), Ids.require("binding_id", bindingId), body);
  }

  @DeleteMapping
  public ResponseEntity<Object> unbind(
      @PathVariable String instanceId,
      @PathVariable String bindingId,
      @RequestParam(name = "service_id", required = false) String serviceId,
      @RequestParam(name = "plan_id", required = false) String planId) {
    return bindings.unbind(
        Ids.require("instance_id", instanceId),
        Ids.require("binding_id", bindingId),
        serviceId,
        planId);
  }
}
