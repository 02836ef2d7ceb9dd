package io.pgfleet.gateway.broker;

import static io.pgfleet.gateway.inventory.AuditEvent.ACCEPTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REJECTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REQUESTED;
import static io.pgfleet.workflows.operation.OperationType.DEPROVISION;

import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.clusters.NotFoundException;
import io.pgfleet.gateway.inventory.InstanceRecord;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.workflows.cluster.DeprovisionRequest;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/** OSB deprovision: an Update on the cluster's workflow; the row is marked deleted on success. */
@Service
public class DeprovisioningService {

  private final ClusterOperations clusters;
  private final InstanceRepository instances;
  private final OperationLog audit;

  public DeprovisioningService(
      ClusterOperations clusters, InstanceRepository instances, OperationLog audit) {
    this.clusters = clusters;
    this.instances = instances;
    this.audit = audit;
  }

  public ResponseEntity<Object> deprovision(
      String instanceId, String serviceId, String planId, String acceptsIncomplete) {
    OsbRequests.requireAsync(acceptsIncomplete);
    OsbRequests.requireParameter("service_id", serviceId);
    OsbRequests.requireParameter("plan_id", planId);
    Optional<InstanceRecord> instance = instances.find(instanceId).filter(i -> !i.deleted());
    if (instance.isEmpty()) {
      return OsbResponses.empty(HttpStatus.GONE);
    }
    Optional<OperationView> running = runningDeprovision(instance.get());
    if (running.isPresent()) {
      return OsbResponses.accepted(running.get().operationId()); // a re-sent DELETE
    }
    String operationId = UUID.randomUUID().toString();
    audit.record(instanceId, null, operationId, DEPROVISION, REQUESTED, null);
    OperationReceipt receipt;
    try {
      receipt = clusters.deprovision(instanceId, new DeprovisionRequest(operationId));
    } catch (NotFoundException e) {
      // The workflow is gone (or never existed): nothing is left to delete.
      audit.record(instanceId, null, operationId, DEPROVISION, REJECTED, e.getMessage());
      instances.markDeleted(instanceId);
      return OsbResponses.empty(HttpStatus.GONE);
    } catch (RuntimeException e) {
      audit.record(instanceId, null, operationId, DEPROVISION, REJECTED, e.getMessage());
      throw e;
    }
    instances.setLastOperation(instanceId, receipt.operationId());
    audit.record(instanceId, null, receipt.operationId(), DEPROVISION, ACCEPTED, null);
    return OsbResponses.accepted(receipt.operationId());
  }

  private Optional<OperationView> runningDeprovision(InstanceRecord instance) {
    if (instance.lastOperationId() == null) {
      return Optional.empty();
    }
    try {
      return clusters
          .operation(instance.id(), instance.lastOperationId())
          .filter(op -> op.type() == OperationType.DEPROVISION)
          .filter(op -> !op.state().finished() || op.state() == OperationState.SUCCEEDED);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
