package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.operation.OperationView;
import java.util.List;
import java.util.Map;

/**
 * Everything the cluster workflow carries across continue-as-new. Kept small: recent operations and
 * recent request ids are bounded.
 *
 * @param topology null until provisioning discovered the VMs
 * @param recentOperationIds operation ids already accepted, so a repeated request is recognised
 *     after continue-as-new (Temporal deduplicates Update ids only within one run)
 */
public record ClusterState(
    String clusterId,
    String serviceId,
    String planId,
    Map<String, String> parameters,
    Map<String, String> context,
    ClusterPhase phase,
    Topology topology,
    ClusterSecrets secrets,
    Map<String, BindingRecord> bindings,
    List<OperationView> operations,
    List<String> recentOperationIds) {}
