package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.catalog.Plan;

/**
 * Prove one backup restorable.
 *
 * @param clusterId the cluster the backup belongs to
 * @param backupId the backup; null verifies the newest completed one
 * @param operationId the verification's id; also names the throw-away cluster
 * @param plan the plan the throw-away cluster is provisioned with (the source's, or a small one)
 */
public record VerifyBackupInput(String clusterId, String backupId, String operationId, Plan plan) {}
