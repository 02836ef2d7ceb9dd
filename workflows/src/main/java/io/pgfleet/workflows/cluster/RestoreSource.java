package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.host.RecoveryTarget;

/**
 * Where a new cluster's data comes from: another cluster's backup, recovered to a target. The
 * source cluster is not touched.
 *
 * @param backupId the backup; null picks the newest completed backup before the target
 * @param target where recovery stops (inclusive); null means the end of the archive (LATEST)
 */
public record RestoreSource(String sourceClusterId, String backupId, RecoveryTarget target) {}
