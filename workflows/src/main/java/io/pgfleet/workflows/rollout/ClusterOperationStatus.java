package io.pgfleet.workflows.rollout;

import io.pgfleet.workflows.operation.OperationState;

/** A cluster operation as its cluster reports it; {@code error} only when it failed. */
public record ClusterOperationStatus(OperationState state, String error) {}
