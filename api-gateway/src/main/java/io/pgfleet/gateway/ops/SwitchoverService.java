package io.pgfleet.gateway.ops;

import static io.pgfleet.gateway.inventory.AuditEvent.ACCEPTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REJECTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REQUESTED;
import static io.pgfleet.workflows.operation.OperationType.SWITCHOVER;

import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.SwitchoverRequest;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * An operator's planned change of primary: an Update on the cluster's workflow, whose validator
 * decides whether the cluster can switch over now. Audited like a failover.
 */
@Service
public class SwitchoverService {

  /** Who the workflow records as having asked. */
  static final String REQUESTED_BY = "api";

  private final ClusterOperations clusters;
  private final InstanceRepository instances;
  private final OperationLog audit;

  public SwitchoverService(
      ClusterOperations clusters, InstanceRepository instances, OperationLog audit) {
    this.clusters = clusters;
    this.instances = instances;
    this.audit = audit;
  }

  public OpsResponses.OperationAccepted switchover(String clusterId, SwitchoverBody body) {
    String reason = FailoverService.reason(body == null ? null : body.reason());
    if (instances.find(clusterId).filter(i -> !i.deleted()).isEmpty()) {
      throw ApiException.notFound("cluster " + clusterId + " does not exist");
    }
    String operationId = UUID.randomUUID().toString();
    audit.record(clusterId, null, operationId, SWITCHOVER, REQUESTED, reason);
    OperationReceipt receipt;
    try {
      receipt =
          clusters.switchover(clusterId, new SwitchoverRequest(operationId, REQUESTED_BY, reason));
    } catch (RuntimeException e) {
      audit.record(clusterId, null, operationId, SWITCHOVER, REJECTED, e.getMessage());
      throw e;
    }
    audit.record(clusterId, null, receipt.operationId(), SWITCHOVER, ACCEPTED, null);
    return new OpsResponses.OperationAccepted(receipt.operationId(), clusterId);
  }
}
