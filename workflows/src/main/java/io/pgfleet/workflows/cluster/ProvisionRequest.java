package io.pgfleet.workflows.cluster;

import java.util.Map;

/**
 * OSB provision: create the cluster.
 *
 * @param operationId chosen by the gateway; the Update id and the child workflow's id suffix
 * @param parameters the OSB request's "parameters" object, as strings
 * @param context platform context (organization/space or namespace) kept for display
 */
public record ProvisionRequest(
    String operationId,
    String serviceId,
    String planId,
    Map<String, String> parameters,
    Map<String, String> context) {}
