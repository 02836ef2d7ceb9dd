package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.RecoveryTarget;
import java.util.Map;

/**
 * One restore into a cluster's VMs.
 *
 * @param clusterId the cluster whose disks get the backup's data
 * @param operationId the operation's id (the child workflow's id suffix)
 * @param topology the target cluster's VMs with its current primary, which becomes the restored
 *     primary
 * @param sourceClusterId the cluster whose backup and WAL archive are restored; equals {@code
 *     clusterId} in place
 * @param backupId the backup to start from; null picks the newest completed backup before the
 *     target
 * @param target where recovery stops (inclusive)
 * @param mode IN_PLACE, or NEW_CLUSTER when {@code clusterId} was just provisioned for it (its
 *     archiving is configured afresh after the restore)
 * @param secrets the target cluster's passwords: the standby is rebuilt from the restored primary
 *     with its replication credentials
 * @param postgresParameters the plan's postgresql.conf settings, written again on the rebuilt
 *     standby; null means none
 */
public record RestoreInput(
    String clusterId,
    String operationId,
    Topology topology,
    String sourceClusterId,
    String backupId,
    RecoveryTarget target,
    RestoreMode mode,
    ClusterSecrets secrets,
    Map<String, String> postgresParameters) {

  public RestoreInput {
    postgresParameters = postgresParameters == null ? Map.of() : postgresParameters;
  }

  /**
   * Without secrets and parameters, as the cluster workflow's first version builds it. The workflow
   * refuses such an input (INVALID_INPUT): the standby cannot be rebuilt without the replication
   * password.
   */
  public RestoreInput(
      String clusterId,
      String operationId,
      Topology topology,
      String sourceClusterId,
      String backupId,
      RecoveryTarget target,
      RestoreMode mode) {
    this(clusterId, operationId, topology, sourceClusterId, backupId, target, mode, null, null);
  }

  /** The source cluster: {@code clusterId} when none is named (in place). */
  public String source() {
    return sourceClusterId == null ? clusterId : sourceClusterId;
  }

  /** IN_PLACE when none is named. */
  public RestoreMode restoreMode() {
    return mode == null ? RestoreMode.IN_PLACE : mode;
  }
}
