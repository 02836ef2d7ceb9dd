package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.host.RecoveryTarget;

/**
 * Where a new cluster's data comes from: another cluster's backup, recovered to a target. The
 * source cluster is not touched.
 *
 * @param backupId the backup; null picks the newest completed backup before the target
 */
public record RestoreSource(String sourceClusterId, String backupId, RecoveryTarget target) {}
