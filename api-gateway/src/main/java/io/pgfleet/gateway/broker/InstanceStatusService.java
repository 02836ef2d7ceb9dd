package io.pgfleet.gateway.broker;

import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.clusters.NotFoundException;
import io.pgfleet.gateway.inventory.AuditEvent;
import io.pgfleet.gateway.inventory.InstanceRecord;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.cluster.ClusterPhase;
import io.pgfleet.workflows.cluster.ClusterView;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/** OSB reads: last_operation polls and instance fetches. */
@Service
public class InstanceStatusService {

  private final ClusterOperations clusters;
  private final InstanceRepository instances;
  private final OperationLog audit;

  public InstanceStatusService(
      ClusterOperations clusters, InstanceRepository instances, OperationLog audit) {
    this.clusters = clusters;
    this.instances = instances;
    this.audit = audit;
  }

  /**
   * The state of an operation (the instance's last one without {@code operationId}). The first poll
   * that sees it finished records the outcome; a succeeded deprovision marks the instance deleted,
   * and later polls get 410 Gone.
   */
  public ResponseEntity<Object> lastOperation(String instanceId, String operationId) {
    InstanceRecord instance =
        instances
            .find(instanceId)
            .orElseThrow(
                () -> ApiException.notFound("service instance " + instanceId + " does not exist"));
    if (instance.deleted()) {
      return OsbResponses.empty(HttpStatus.GONE);
    }
    String opId =
        operationId != null && !operationId.isBlank() ? operationId : instance.lastOperationId();
    Optional<OperationView> found;
    try {
      found = clusters.operation(instanceId, opId);
    } catch (NotFoundException e) {
      return workflowGone(instance, opId);
    }
    OperationView operation =
        found.orElseThrow(
            () ->
                ApiException.badRequest(
                    "service instance " + instanceId + " has no operation " + opId));
    if (operation.state().finished()) {
      recordOutcome(instanceId, operation);
    }
    return ResponseEntity.ok(
        new OsbResponses.LastOperation(osbState(operation.state()), describe(operation)));
  }

  /** The instance as provisioned; 404 while it is still being provisioned (spec). */
  public OsbResponses.Instance fetch(String instanceId) {
    InstanceRecord instance =
        instances
            .find(instanceId)
            .filter(i -> !i.deleted())
            .orElseThrow(
                () -> ApiException.notFound("service instance " + instanceId + " does not exist"));
    ClusterPhase phase =
        clusters
            .view(instanceId)
            .map(ClusterView::phase)
            .orElseThrow(
                () -> ApiException.notFound("service instance " + instanceId + " has no cluster"));
    if (phase == ClusterPhase.NEW || phase == ClusterPhase.PROVISIONING) {
      throw ApiException.notFound("service instance " + instanceId + " is still being provisioned");
    }
    return new OsbResponses.Instance(
        instance.serviceId(), instance.planId(), instance.parameters());
  }

  private void recordOutcome(String instanceId, OperationView operation) {
    boolean succeeded = operation.state() == OperationState.SUCCEEDED;
    audit.recordOutcomeOnce(
        instanceId,
        operation.operationId(),
        operation.type(),
        succeeded ? AuditEvent.SUCCEEDED : AuditEvent.FAILED,
        succeeded ? null : operation.error());
    if (succeeded && operation.type() == OperationType.DEPROVISION) {
      instances.markDeleted(instanceId);
    }
    if (succeeded && operation.type() == OperationType.ROLLING_UPDATE) {
      // a plan change is the platform's to see only once it is done
      clusters
          .view(instanceId)
          .map(ClusterView::planId)
          .ifPresent(plan -> instances.setPlan(instanceId, plan));
    }
  }

  /** The workflow no longer exists (completed past retention, or never started). */
  private ResponseEntity<Object> workflowGone(InstanceRecord instance, String operationId) {
    if (audit.typeOf(operationId).orElse(null) == OperationType.DEPROVISION) {
      instances.markDeleted(instance.id());
      return OsbResponses.empty(HttpStatus.GONE);
    }
    return ResponseEntity.ok(
        new OsbResponses.LastOperation(
            "failed", "the cluster of service instance " + instance.id() + " no longer exists"));
  }

  static String osbState(OperationState state) {
    return switch (state) {
      case QUEUED, IN_PROGRESS -> "in progress";
      case SUCCEEDED -> "succeeded";
      case FAILED -> "failed";
    };
  }

  static String describe(OperationView operation) {
    String description =
        operation.description() != null && !operation.description().isBlank()
            ? operation.description()
            : operation.type().name().toLowerCase(Locale.ROOT) + " " + osbState(operation.state());
    if (operation.state() == OperationState.FAILED
        && operation.error() != null
        && !description.contains(operation.error())) {
      description = description + ": " + operation.error();
    }
    return description;
  }
}
