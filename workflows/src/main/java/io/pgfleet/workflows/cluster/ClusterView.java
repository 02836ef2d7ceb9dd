package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.operation.OperationView;
import java.util.List;
import java.util.Map;

/**
 * The cluster as its workflow knows it (Query).
 *
 * @param endpoints host:port of the pgpool nodes
 * @param operations recent operations, newest last (bounded)
 * @param bindingIds bindings that exist now
 * @param archiving WAL archiving as the primary's agent last reported it; null before its report
 */
public record ClusterView(
    String clusterId,
    String serviceId,
    String planId,
    ClusterPhase phase,
    List<NodeView> nodes,
    List<String> endpoints,
    List<OperationView> operations,
    List<String> bindingIds,
    Map<String, String> context,
    ArchiveHealth archiving) {}
