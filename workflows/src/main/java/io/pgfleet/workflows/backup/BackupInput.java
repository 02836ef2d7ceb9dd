package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PgBackRestBackupType;

/**
 * @param backupId the catalog id of the backup, stable for the operation (a retried workflow writes
 *     the same entry); letters, digits, '-', '_' and '.' only, as it names an S3 object
 * @param topology the cluster's VMs with the current primary
 * @param mode snapshot or copy
 * @param copyType the pgBackRest backup type in copy mode; null means full
 * @param secrets the cluster's passwords: the superuser's writes the backup's sentinel row before
 *     the backup starts (see io.pgfleet.workflows.verify.BackupSentinel); null writes none, and a
 *     verification of that backup then finds no sentinel
 */
public record BackupInput(
    String clusterId,
    String operationId,
    String backupId,
    Topology topology,
    BackupMode mode,
    PgBackRestBackupType copyType,
    ClusterSecrets secrets) {

  /** Without the cluster's passwords: no sentinel row (inputs recorded before sentinels). */
  public BackupInput(
      String clusterId,
      String operationId,
      String backupId,
      Topology topology,
      BackupMode mode,
      PgBackRestBackupType copyType) {
    this(clusterId, operationId, backupId, topology, mode, copyType, null);
  }
}
