package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.OperationView;

/**
 * @param topology the VMs and their roles
 * @param operation the finished operation with its steps
 */
public record ProvisionResult(Topology topology, OperationView operation) {}
