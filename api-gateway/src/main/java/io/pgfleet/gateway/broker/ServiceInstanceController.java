package io.pgfleet.gateway.broker;

import io.pgfleet.gateway.web.Ids;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** OSB service instances: provision, update (plan change), fetch, last_operation, deprovision. */
@RestController
@RequestMapping("/v2/service_instances/{instanceId}")
public class ServiceInstanceController {

  private static final String INSTANCE_ID = "instance_id";

  private final ProvisioningService provisioning;
  private final DeprovisioningService deprovisioning;
  private final InstanceStatusService status;
  private final PlanChangeService planChanges;

  public ServiceInstanceController(
      ProvisioningService provisioning,
      DeprovisioningService deprovisioning,
      InstanceStatusService status,
      PlanChangeService planChanges) {
    this.provisioning = provisioning;
    this.deprovisioning = deprovisioning;
    this.status = status;
    this.planChanges = planChanges;
  }

  @PutMapping
  public ResponseEntity<Object> provision(
      @PathVariable String instanceId,
      @RequestParam(name = "accepts_incomplete", required = false) String acceptsIncomplete,
      @RequestBody(required = false) String body) {
    return provisioning.provision(Ids.require(INSTANCE_ID, instanceId), acceptsIncomplete, body);
  }

  /** A plan change (asynchronous); the same plan answers 200 at once. */
  @PatchMapping
  public ResponseEntity<Object> update(
      @PathVariable String instanceId,
      @RequestParam(name = "accepts_incomplete", required = false) String acceptsIncomplete,
      @RequestBody(required = false) String body) {
    return planChanges.update(Ids.require(INSTANCE_ID, instanceId), acceptsIncomplete, body);
  }

  @GetMapping
  public OsbResponses.Instance fetch(@PathVariable String instanceId) {
    return status.fetch(Ids.require(INSTANCE_ID, instanceId));
  }

  @GetMapping("/last_operation")
  public ResponseEntity<Object> lastOperation(
      @PathVariable String instanceId,
      @RequestParam(name = "operation", required = false) String operation) {
    return status.lastOperation(Ids.require(INSTANCE_ID, instanceId), operation);
  }

  @DeleteMapping
  public ResponseEntity<Object> deprovision(
      @PathVariable String instanceId,
      @RequestParam(name = "service_id", required = false) String serviceId,
      @RequestParam(name = "plan_id", required = false) String planId,
      @RequestParam(name = "accepts_incomplete", required = false) String acceptsIncomplete) {
    return deprovisioning.deprovision(
        Ids.require(INSTANCE_ID, instanceId), serviceId, planId, acceptsIncomplete);
  }
}
