package io.pgfleet.workflows.cluster;

/**
 * The answer to an accepted operation request.
 *
 * @param duplicate true when this exact request had been accepted before (same operation id), so
 *     the caller answers as for a repeated request
 */
public record OperationReceipt(String operationId, boolean duplicate) {}
