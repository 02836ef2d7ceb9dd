package io.pgfleet.workflows.cluster;

import java.util.Map;

/**
 * OSB provision: create the cluster.
 *
 * @param operationId chosen by the gateway; the Update id and the child workflow's id suffix
 * @param parameters the OSB request's "parameters" object, as strings
 * @param context platform context (organization/space or namespace) kept for display
 * @param restoreFrom another cluster's backup to fill the new cluster with; null for an empty one
 */
public record ProvisionRequest(
    String operationId,
    String serviceId,
    String planId,
    Map<String, String> parameters,
    Map<String, String> context,
    RestoreSource restoreFrom) {}
