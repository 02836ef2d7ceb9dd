package io.pgfleet.gateway.ops;

import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.clusters.NotFoundException;
import io.pgfleet.gateway.clusters.UnavailableException;
import io.pgfleet.gateway.inventory.InstanceRecord;
import io.pgfleet.gateway.inventory.InstanceRepository;
import io.pgfleet.gateway.inventory.OperationLog;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ClusterView;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The operations API's reads: the inventory says which clusters exist, workflows how they are. */
@Service
public class ClusterQueries {

  private static final Logger log = LoggerFactory.getLogger(ClusterQueries.class);
  static final String UNKNOWN_PHASE = "unknown";

  private final ClusterOperations clusters;
  private final InstanceRepository instances;
  private final OperationLog audit;
  private final VerificationService verifications;

  public ClusterQueries(
      ClusterOperations clusters,
      InstanceRepository instances,
      OperationLog audit,
      VerificationService verifications) {
    this.clusters = clusters;
    this.instances = instances;
    this.audit = audit;
    this.verifications = verifications;
  }

  public List<OpsResponses.ClusterSummary> clusters() {
    return instances.live().stream()
        .map(
            i ->
                new OpsResponses.ClusterSummary(
                    i.id(),
                    planName(i.planId()),
                    i.planId(),
                    view(i.id()).map(v -> OpsResponses.lower(v.phase())).orElse(UNKNOWN_PHASE),
                    i.createdAt(),
                    i.lastOperationId()))
        .toList();
  }

  public OpsResponses.ClusterDetail cluster(String id) {
    InstanceRecord instance = liveInstance(id);
    Optional<ClusterView> view = view(id);
    return new OpsResponses.ClusterDetail(
        id,
        instance.serviceId(),
        planName(instance.planId()),
        instance.planId(),
        view.map(v -> OpsResponses.lower(v.phase())).orElse(UNKNOWN_PHASE),
        instance.createdAt(),
        view.map(v -> orEmpty(v.nodes()).stream().map(OpsResponses.Node::of).toList())
            .orElse(List.of()),
        view.map(v -> orEmpty(v.endpoints())).orElse(List.of()),
        view.map(v -> orEmpty(v.bindingIds())).orElse(List.of()),
        instance.parameters(),
        instance.lastOperationId(),
        view.map(v -> OpsResponses.Archiving.of(v.archiving())).orElse(null));
  }

  /** The cluster's recent operations as its workflow keeps them, oldest first. */
  public List<OpsResponses.Operation> operations(String id) {
    liveInstance(id);
    ClusterView view =
        clusters
            .view(id)
            .orElseThrow(() -> ApiException.notFound("cluster " + id + " has no workflow"));
    return orEmpty(view.operations()).stream().map(OpsResponses.Operation::of).toList();
  }

  /**
   * One operation of a cluster with its live steps, including those no API call started (a failover
   * the data plane triggered is in the cluster's record, not in the audit log).
   */
  public OpsResponses.Operation operation(String clusterId, String operationId) {
    liveInstance(clusterId);
    return recorded(clusterId, operationId);
  }

  /**
   * One operation with its steps, found through the audit log (which knows its cluster); a backup
   * verification, which runs beside its cluster's workflow, through its own workflow.
   */
  public OpsResponses.Operation operation(String operationId) {
    Optional<OpsResponses.Operation> verification = verifications.asOperation(operationId);
    if (verification.isPresent()) {
      return verification.get();
    }
    String clusterId =
        audit
            .instanceOf(operationId)
            .orElseThrow(
                () -> ApiException.notFound("no operation " + operationId + " was requested"));
    try {
      return recorded(clusterId, operationId);
    } catch (NotFoundException e) {
      throw ApiException.notFound(
          "operation "
              + operationId
              + " belonged to cluster "
              + clusterId
              + ", which no longer exists");
    }
  }

  private OpsResponses.Operation recorded(String clusterId, String operationId) {
    return clusters
        .operation(clusterId, operationId)
        .map(OpsResponses.Operation::of)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "cluster " + clusterId + " has no record of operation " + operationId));
  }

  private InstanceRecord liveInstance(String id) {
    return instances
        .find(id)
        .filter(i -> !i.deleted())
        .orElseThrow(() -> ApiException.notFound("cluster " + id + " does not exist"));
  }

  /** A view for display: a cluster whose workflow cannot answer is shown as unknown. */
  private Optional<ClusterView> view(String id) {
    try {
      return clusters.view(id);
    } catch (UnavailableException e) {
      log.warn("Cluster {} could not be queried: {}", id, e.getMessage());
      return Optional.empty();
    }
  }

  private static String planName(String planId) {
    return PlanCatalog.plan(planId).map(Plan::name).orElse(planId);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
