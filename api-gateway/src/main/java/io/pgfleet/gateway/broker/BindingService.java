package io.pgfleet.gateway.broker;

import static io.pgfleet.gateway.inventory.AuditEvent.FAILED;
import static io.pgfleet.gateway.inventory.AuditEvent.REJECTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REQUESTED;
import static io.pgfleet.gateway.inventory.AuditEvent.SUCCEEDED;
import static io.pgfleet.workflows.operation.OperationType.BIND;
import static io.pgfleet.workflows.operation.OperationType.UNBIND;

import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.clusters.NotFoundException;
import io.pgfleet.gateway.clusters.OperationFailedException;
import io.pgfleet.gateway.inventory.BindingRepository;
import io.pgfleet.gateway.inventory.BindingRow;
import io.pgfleet.gateway.inventory.InstanceRecord;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.cluster.BindRequest;
import io.pgfleet.workflows.cluster.BindingCredentials;
import io.pgfleet.workflows.cluster.UnbindRequest;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * OSB bind and unbind, both synchronous Updates. Like provisioning, the binding row commits only
 * once the workflow returned credentials; the credentials themselves are never stored here.
 */
@Service
public class BindingService {

  private final ClusterOperations clusters;
  private final InstanceRepository instances;
  private final BindingRepository bindings;
  private final OperationLog audit;
  private final TransactionTemplate transaction;
  private final OsbRequests requests;

  public BindingService(
      ClusterOperations clusters,
      InstanceRepository instances,
      BindingRepository bindings,
      OperationLog audit,
      TransactionTemplate transaction,
      OsbRequests requests) {
    this.clusters = clusters;
    this.instances = instances;
    this.bindings = bindings;
    this.audit = audit;
    this.transaction = transaction;
    this.requests = requests;
  }

  public ResponseEntity<Object> bind(String instanceId, String bindingId, String body) {
    BindBody request = requests.bind(body);
    InstanceRecord instance = liveInstance(instanceId);
    if (!instance.planId().equals(request.plan().id())) {
      throw ApiException.badRequest(
          "plan_id " + request.plan().id() + " is not the plan of service instance " + instanceId);
    }
    Optional<BindingRow> existing = bindings.find(bindingId).filter(b -> !b.deleted());
    if (existing.isPresent() && !request.sameAs(instanceId, existing.get())) {
      throw ApiException.conflict(
          "service binding " + bindingId + " already exists with other attributes");
    }
    String operationId = UUID.randomUUID().toString();
    audit.record(instanceId, bindingId, operationId, BIND, REQUESTED, null);
    BindingCredentials credentials;
    try {
      credentials =
          existing.isPresent()
              ? clusters.bind(instanceId, operationId, new BindRequest(bindingId))
              : transaction.execute(status -> create(instanceId, bindingId, request, operationId));
    } catch (RuntimeException e) {
      audit.record(
          instanceId,
          bindingId,
          operationId,
          BIND,
          e instanceof OperationFailedException ? FAILED : REJECTED,
          e.getMessage());
      throw e;
    }
    audit.record(instanceId, bindingId, operationId, BIND, SUCCEEDED, null);
    return ResponseEntity.status(existing.isPresent() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(new OsbResponses.Binding(OsbResponses.Credentials.of(credentials)));
  }

  public ResponseEntity<Object> unbind(
      String instanceId, String bindingId, String serviceId, String planId) {
    OsbRequests.requireParameter("service_id", serviceId);
    OsbRequests.requireParameter("plan_id", planId);
    Optional<BindingRow> binding =
        bindings.find(bindingId).filter(b -> !b.deleted() && b.instanceId().equals(instanceId));
    if (binding.isEmpty()) {
      return OsbResponses.empty(HttpStatus.GONE);
    }
    String operationId = UUID.randomUUID().toString();
    audit.record(instanceId, bindingId, operationId, UNBIND, REQUESTED, null);
    try {
      clusters.unbind(instanceId, operationId, new UnbindRequest(bindingId));
    } catch (NotFoundException e) {
      // The workflow no longer knows the binding (or the cluster): it is gone either way.
      audit.record(instanceId, bindingId, operationId, UNBIND, REJECTED, e.getMessage());
      bindings.markDeleted(bindingId);
      return OsbResponses.empty(HttpStatus.GONE);
    } catch (RuntimeException e) {
      audit.record(
          instanceId,
          bindingId,
          operationId,
          UNBIND,
          e instanceof OperationFailedException ? FAILED : REJECTED,
          e.getMessage());
      throw e;
    }
    bindings.markDeleted(bindingId);
    audit.record(instanceId, bindingId, operationId, UNBIND, SUCCEEDED, null);
    return OsbResponses.empty(HttpStatus.OK);
  }

  private BindingCredentials create(
      String instanceId, String bindingId, BindBody request, String operationId) {
    if (!bindings.insert(request.toRow(bindingId, instanceId))) {
      throw ApiException.conflict(
          "service binding " + bindingId + " is being created by a concurrent request");
    }
    return clusters.bind(instanceId, operationId, new BindRequest(bindingId));
  }

  private InstanceRecord liveInstance(String instanceId) {
    return instances
        .find(instanceId)
        .filter(i -> !i.deleted())
        .orElseThrow(
            () -> ApiException.notFound("service instance " + instanceId + " does not exist"));
  }
}
