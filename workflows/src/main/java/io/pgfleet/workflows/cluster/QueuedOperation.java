package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.operation.OperationType;

/**
 * A provision or deprovision accepted by its Update and waiting for the main loop to run it.
 *
 * @param phaseBefore where a failed deprovision returns to, so it can be requested again
 */
record QueuedOperation(String operationId, OperationType type, ClusterPhase phaseBefore) {}
