package io.pgfleet.workflows.bosh;

/**
 * A finished BOSH task.
 *
 * @param state BOSH's final state word: done, error, cancelled or timeout
 * @param result BOSH's short result text, e.g. "/deployments/pg-1"
 */
public record BoshTaskOutcome(long taskId, String state, String result) {}
