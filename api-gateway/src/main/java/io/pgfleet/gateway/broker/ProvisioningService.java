package io.pgfleet.gateway.broker;

import static io.pgfleet.gateway.inventory.AuditEvent.ACCEPTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REJECTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REQUESTED;
import static io.pgfleet.workflows.operation.OperationType.PROVISION;

import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.inventory.InstanceRecord;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.cluster.ClusterPhase;
import io.pgfleet.workflows.cluster.ClusterView;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.ProvisionRequest;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * OSB provision. The inventory row and the workflow's acceptance commit together: the row is
 * inserted in a transaction that commits only once the workflow accepted, so a refused or failed
 * request leaves no instance behind (only its audit rows).
 */
@Service
public class ProvisioningService {

  private final ClusterOperations clusters;
  private final InstanceRepository instances;
  private final OperationLog audit;
  private final TransactionTemplate transaction;
  private final OsbRequests requests;

  public ProvisioningService(
      ClusterOperations clusters,
      InstanceRepository instances,
      OperationLog audit,
      TransactionTemplate transaction,
      OsbRequests requests) {
    this.clusters = clusters;
    this.instances = instances;
    this.audit = audit;
    this.transaction = transaction;
    this.requests = requests;
  }

  public ResponseEntity<Object> provision(
      String instanceId, String acceptsIncomplete, String body) {
    OsbRequests.requireAsync(acceptsIncomplete);
    ProvisionBody request = requests.provision(body);
    var existing = instances.find(instanceId).filter(i -> !i.deleted());
    if (existing.isPresent()) {
      return repeated(existing.get(), request);
    }
    String operationId = UUID.randomUUID().toString();
    audit.record(
        instanceId, null, operationId, PROVISION, REQUESTED, "plan " + request.plan().name());
    OperationReceipt receipt;
    try {
      receipt =
          transaction.execute(
              status ->
                  create(
                      request.toRecord(instanceId, operationId),
                      request.toWorkflowRequest(operationId)));
    } catch (InstanceExists e) {
      audit.record(
          instanceId, null, operationId, PROVISION, REJECTED, "a concurrent request created it");
      return repeated(instances.find(instanceId).orElseThrow(), request);
    } catch (RuntimeException e) {
      audit.record(instanceId, null, operationId, PROVISION, REJECTED, e.getMessage());
      throw e;
    }
    audit.record(instanceId, null, receipt.operationId(), PROVISION, ACCEPTED, null);
    return OsbResponses.accepted(receipt.operationId());
  }

  /**
   * Provisions a cluster the operations API asked for (a restore into a new cluster) the way an OSB
   * provision does: audited, and the inventory row commits only with the workflow's acceptance.
   *
   * @param detail what the audit log says was requested
   * @throws ApiException 409 when a live instance has this id (also a concurrent request's)
   */
  public OperationReceipt provisionFromApi(
      InstanceRecord instance, ProvisionRequest request, String detail) {
    String id = instance.id();
    String operationId = request.operationId();
    audit.record(id, null, operationId, PROVISION, REQUESTED, detail);
    OperationReceipt receipt;
    try {
      receipt = transaction.execute(status -> create(instance, request));
    } catch (InstanceExists e) {
      String reason = "service instance " + id + " already exists";
      audit.record(id, null, operationId, PROVISION, REJECTED, reason);
      throw ApiException.conflict(reason);
    } catch (RuntimeException e) {
      audit.record(id, null, operationId, PROVISION, REJECTED, e.getMessage());
      throw e;
    }
    audit.record(id, null, receipt.operationId(), PROVISION, ACCEPTED, null);
    return receipt;
  }

  private OperationReceipt create(InstanceRecord instance, ProvisionRequest request) {
    if (!instances.insert(instance)) {
      throw new InstanceExists();
    }
    OperationReceipt receipt = clusters.provision(instance.id(), request);
    if (!request.operationId().equals(receipt.operationId())) {
      instances.setLastOperation(instance.id(), receipt.operationId());
    }
    return receipt;
  }

  /** The spec's answers to a PUT for an instance that exists. */
  private ResponseEntity<Object> repeated(InstanceRecord existing, ProvisionBody request) {
    String id = existing.id();
    if (!request.sameAs(existing)) {
      throw ApiException.conflict(
          "service instance "
              + id
              + " already exists with other attributes (plan_id "
              + existing.planId()
              + ", parameters "
              + existing.parameters()
              + ")");
    }
    ClusterPhase phase = clusters.view(id).map(ClusterView::phase).orElse(null);
    if (phase == null) {
      throw ApiException.conflict(
          "service instance "
              + id
              + " is in the inventory but has no cluster workflow;"
              + " deprovision it before provisioning it again");
    }
    return switch (phase) {
      case NEW, PROVISIONING -> OsbResponses.accepted(existing.lastOperationId());
      case READY, BACKING_UP, FAILING_OVER, NEEDS_OPERATOR, RESTORING, SWITCHING_OVER ->
          OsbResponses.empty(HttpStatus.OK);
      case FAILED ->
          throw ApiException.conflict(
              "service instance " + id + " failed to provision; deprovision it first");
      case DEPROVISIONING, DELETED ->
          throw ApiException.concurrency("service instance " + id + " is being deprovisioned");
    };
  }

  /** A live row with this id appeared between our read and our insert. */
  private static final class InstanceExists extends RuntimeException {
    InstanceExists() {
      super(null, null, false, false);
    }
  }
}
