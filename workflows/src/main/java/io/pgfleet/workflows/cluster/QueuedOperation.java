package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.operation.OperationType;

/**
 * An operation accepted (by its Update, or a failure report) and waiting for the main loop to run
 * it.
 *
 * @param phaseBefore where a failed deprovision, an unconfirmed failover or a failed restore
 *     returns to, so it can be requested again
 */
record QueuedOperation(String operationId, OperationType type, ClusterPhase phaseBefore) {}
