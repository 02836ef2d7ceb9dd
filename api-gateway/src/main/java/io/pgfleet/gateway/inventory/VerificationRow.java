package io.pgfleet.gateway.inventory;

import java.time.Instant;

/**
 * A backup verification the API started.
 *
 * @param workflowId the VerifyBackupWorkflow's id, where its progress and outcome are read
 * @param requestedAt null until stored
 */
public record VerificationRow(
    String operationId,
    String clusterId,
    String backupId,
    String workflowId,
    Instant requestedAt) {}
