package io.pgfleet.workflows.alert;

/**
 * One notification to operators. Conditions (a cluster needing an operator, backups failing) are
 * sent once per change of state; events (a completed failover) once each.
 *
 * @param id stable for this alert, so a retried delivery can be recognised as the same message
 *     (webhook field {@code id}, e-mail {@code Message-ID})
 * @param subject what it is about: {@code failover}, {@code backup}, {@code restore}, {@code
 *     verification}, {@code archiving}
 * @param operationId the operation that caused it, null for a condition seen outside one
 * @param summary one line, e.g. "cluster c1: primary lost, failed over to postgres/1"
 * @param reason the full explanation
 */
public record Alert(
    String id,
    String clusterId,
    String subject,
    AlertSeverity severity,
    String operationId,
    String summary,
    String reason,
    long atMillis) {}
