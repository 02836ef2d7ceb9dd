package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.cluster.ClusterSecrets;

public record ProvisionInput(
    String clusterId, String operationId, String deployment, Plan plan, ClusterSecrets secrets) {}
