package io.pgfleet.gateway.ops;

import static io.pgfleet.gateway.inventory.AuditEvent.ACCEPTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REJECTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REQUESTED;
import static io.pgfleet.workflows.operation.OperationType.FAILOVER;

import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.cluster.FailoverRequest;
import io.pgfleet.workflows.cluster.OperationReceipt;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * An operator's failover: an Update on the cluster's workflow, whose validator decides whether the
 * cluster can fail over now. Audited like the broker's requests; the instance's last (OSB)
 * operation is left alone, since platforms poll that one.
 */
@Service
public class FailoverService {

  /** Who the workflow records as having asked. */
  static final String REQUESTED_BY = "api";

  /** The reason goes into the workflow's history and the audit log: a sentence, not a file. */
  static final int MAX_REASON_LENGTH = 1_000;

  private final ClusterOperations clusters;
  private final InstanceRepository instances;
  private final OperationLog audit;

  public FailoverService(
      ClusterOperations clusters, InstanceRepository instances, OperationLog audit) {
    this.clusters = clusters;
    this.instances = instances;
    this.audit = audit;
  }

  public OpsResponses.OperationAccepted failover(String clusterId, FailoverBody body) {
    String reason = reason(body == null ? null : body.reason());
    if (instances.find(clusterId).filter(i -> !i.deleted()).isEmpty()) {
      throw ApiException.notFound("cluster " + clusterId + " does not exist");
    }
    String operationId = UUID.randomUUID().toString();
    audit.record(clusterId, null, operationId, FAILOVER, REQUESTED, reason);
    OperationReceipt receipt;
    try {
      receipt =
          clusters.failover(clusterId, new FailoverRequest(operationId, REQUESTED_BY, reason));
    } catch (RuntimeException e) {
      audit.record(clusterId, null, operationId, FAILOVER, REJECTED, e.getMessage());
      throw e;
    }
    audit.record(clusterId, null, receipt.operationId(), FAILOVER, ACCEPTED, null);
    return new OpsResponses.OperationAccepted(receipt.operationId(), clusterId);
  }

  /** The stripped reason, null when blank; a 400 when longer than {@link #MAX_REASON_LENGTH}. */
  static String reason(String text) {
    String reason = text == null ? null : text.strip();
    if (reason == null || reason.isEmpty()) {
      return null;
    }
    if (reason.length() > MAX_REASON_LENGTH) {
      throw ApiException.badRequest(
          "reason is " + reason.length() + " characters long; at most " + MAX_REASON_LENGTH);
    }
    return reason;
  }
}
