package io.pgfleet.workflows.bosh;

import io.pgfleet.workflows.catalog.Plan;

/**
 * @param deployment BOSH deployment name
 * @param plan VM type, disk size and PostgreSQL settings
 */
public record ClusterManifestInput(String clusterId, String deployment, Plan plan) {}
