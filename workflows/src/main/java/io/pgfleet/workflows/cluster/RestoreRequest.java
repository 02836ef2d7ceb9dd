package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.host.RecoveryTarget;

/**
 * An operator's in-place restore ({@code POST /api/v1/clusters/{id}/restore}, mode in_place): the
 * cluster's data replaced by a backup recovered to the target. A restore into a new cluster is a
 * provision with {@link ProvisionRequest#restoreFrom()} instead.
 *
 * @param operationId chosen by the gateway; the Update id and the child workflow's id suffix
 * @param backupId the backup to restore; null picks the newest completed backup before the target
 * @param target where recovery stops (inclusive); null means the end of the archive (LATEST)
 * @param requestedBy who asked (the API caller), recorded with the operation
 */
public record RestoreRequest(
    String operationId, String backupId, RecoveryTarget target, String requestedBy) {}
