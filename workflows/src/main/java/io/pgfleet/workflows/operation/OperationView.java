package io.pgfleet.workflows.operation;

import java.util.List;

/**
 * An operation as users see it (ops API, OSB last_operation).
 *
 * @param description a sentence for humans, e.g. "provisioning: building the standby"
 * @param error why it failed, null otherwise
 * @param steps the steps so far; complete once the operation finished
 */
public record OperationView(
    String operationId,
    String clusterId,
    OperationType type,
    OperationState state,
    String description,
    long startedAtMillis,
    Long finishedAtMillis,
    List<StepView> steps,
    String error) {}
