package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PgBackRestBackupType;

/**
 * @param backupId the catalog id of the backup, stable for the operation (a retried workflow writes
 *     the same entry); letters, digits, '-', '_' and '.' only, as it names an S3 object
 * @param topology the cluster's VMs with the current primary
 * @param mode snapshot or copy
 * @param copyType the pgBackRest backup type in copy mode; null means full
 */
public record BackupInput(
    String clusterId,
    String operationId,
    String backupId,
    Topology topology,
    BackupMode mode,
    PgBackRestBackupType copyType) {}
