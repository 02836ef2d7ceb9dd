package io.pgfleet.workflows.deprovision;

import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;
import java.util.List;

/**
 * @param topology null when provisioning never got as far as the VMs
 * @param bindingUsernames roles to drop before the deployment goes
 */
public record DeprovisionInput(
    String clusterId,
    String operationId,
    String deployment,
    Topology topology,
    ClusterSecrets secrets,
    List<String> bindingUsernames) {}
