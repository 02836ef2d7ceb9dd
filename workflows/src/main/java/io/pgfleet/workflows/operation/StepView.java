package io.pgfleet.workflows.operation;

/**
 * One named step of an operation, with workflow-clock times in epoch milliseconds.
 *
 * @param finishedAtMillis null while the step runs
 * @param error why the step failed; null otherwise
 */
public record StepView(
    String name, OperationState state, long startedAtMillis, Long finishedAtMillis, String error) {}
