package io.pgfleet.gateway.ops;

import static io.pgfleet.gateway.inventory.AuditEvent.ACCEPTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REJECTED;
import static io.pgfleet.gateway.inventory.AuditEvent.REQUESTED;
import static io.pgfleet.workflows.operation.OperationType.RESTORE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgfleet.gateway.broker.ProvisionBody;
import io.pgfleet.gateway.broker.ProvisioningService;
import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.inventory.InstanceRecord;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.ProvisionRequest;
import io.pgfleet.workflows.cluster.RestoreRequest;
import io.pgfleet.workflows.cluster.RestoreSource;
import io.pgfleet.workflows.restore.RestoreMode;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * An operator's point-in-time restore. In place it is an Update on the cluster's workflow (whose
 * validator decides whether the cluster can be restored now); into a new cluster it is a provision
 * with {@link ProvisionRequest#restoreFrom()}, through the same path as an OSB provision, of an
 * instance with the source's service, plan and parameters. Every 4xx leaves everything as it was.
 */
@Service
public class RestoreService {

  /** Who the workflow records as having asked. */
  static final String REQUESTED_BY = "api";

  /** The new instance's context says where its data came from (shown by GET /clusters/{id}). */
  static final String CONTEXT_PLATFORM = "pgfleet-api";

  private final ClusterOperations clusters;
  private final InstanceRepository instances;
  private final OperationLog audit;
  private final ProvisioningService provisioning;
  private final BackupService backups;

  public RestoreService(
      ClusterOperations clusters,
      InstanceRepository instances,
      OperationLog audit,
      ProvisioningService provisioning,
      BackupService backups) {
    this.clusters = clusters;
    this.instances = instances;
    this.audit = audit;
    this.provisioning = provisioning;
    this.backups = backups;
  }

  public OpsResponses.OperationAccepted restore(String clusterId, JsonNode body) {
    RestoreCommand command = RestoreRequests.parse(body);
    InstanceRecord source = backups.requireLive(clusterId);
    if (command.mode() == RestoreMode.NEW_CLUSTER
        && instances.find(command.newInstanceId()).filter(i -> !i.deleted()).isPresent()) {
      throw ApiException.conflict(
          "cluster " + command.newInstanceId() + " already exists; choose another new_instance_id");
    }
    if (command.backupId() != null) {
      backups.requireRestorable(clusterId, command.backupId());
    }
    return command.mode() == RestoreMode.IN_PLACE
        ? inPlace(clusterId, command)
        : intoNewCluster(source, command);
  }

  private OpsResponses.OperationAccepted inPlace(String clusterId, RestoreCommand command) {
    String operationId = UUID.randomUUID().toString();
    String detail = "in place from " + command.describe();
    audit.record(clusterId, null, operationId, RESTORE, REQUESTED, detail);
    OperationReceipt receipt;
    try {
      receipt =
          clusters.restore(
              clusterId,
              new RestoreRequest(operationId, command.backupId(), command.target(), REQUESTED_BY));
    } catch (RuntimeException e) {
      audit.record(clusterId, null, operationId, RESTORE, REJECTED, e.getMessage());
      throw e;
    }
    audit.record(clusterId, null, receipt.operationId(), RESTORE, ACCEPTED, detail);
    return new OpsResponses.OperationAccepted(receipt.operationId(), clusterId);
  }

  private OpsResponses.OperationAccepted intoNewCluster(
      InstanceRecord source, RestoreCommand command) {
    String newId = command.newInstanceId();
    String operationId = UUID.randomUUID().toString();
    ObjectNode context = context(source.id(), command);
    InstanceRecord instance =
        InstanceRecord.requested(
            newId, source.serviceId(), source.planId(), source.parameters(), context, operationId);
    ProvisionRequest request =
        new ProvisionRequest(
            operationId,
            source.serviceId(),
            source.planId(),
            ProvisionBody.strings(source.parameters()),
            ProvisionBody.strings(context),
            new RestoreSource(source.id(), command.backupId(), command.target()));
    OperationReceipt receipt =
        provisioning.provisionFromApi(
            instance, request, "restore of cluster " + source.id() + " from " + command.describe());
    return new OpsResponses.OperationAccepted(receipt.operationId(), newId);
  }

  static ObjectNode context(String sourceId, RestoreCommand command) {
    ObjectNode context = JsonNodeFactory.instance.objectNode();
    context.put("platform", CONTEXT_PLATFORM);
    context.put("restored_from_cluster", sourceId);
    if (command.backupId() != null) {
      context.put("restored_from_backup", command.backupId());
    }
    context.put("restore_target", command.target().describe());
    return context;
  }
}
