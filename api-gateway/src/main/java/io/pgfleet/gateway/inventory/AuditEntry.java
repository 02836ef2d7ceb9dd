package io.pgfleet.gateway.inventory;

import io.pgfleet.workflows.operation.OperationType;
import java.time.Instant;

/**
 * One row of the append-only operation_log.
 *
 * @param bindingId null for instance operations
 * @param detail a human sentence: why it was rejected, what failed
 */
public record AuditEntry(
    long id,
    Instant at,
    String instanceId,
    String bindingId,
    String operationId,
    OperationType operationType,
    AuditEvent event,
    String detail) {}
