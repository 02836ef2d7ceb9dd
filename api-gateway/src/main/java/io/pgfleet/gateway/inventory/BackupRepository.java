package io.pgfleet.gateway.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * backups and backup_verifications: which cluster a backup id belongs to, and the verifications the
 * API started. Only an index: the catalog in the object store is the record of the backups.
 */
@Repository
public class BackupRepository {

  private final JdbcClient jdbc;

  public BackupRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Remembers the backups of a cluster; ids it already knows are left as they are. */
  public void recordAll(String clusterId, Collection<String> backupIds) {
    for (String backupId : backupIds) {
      jdbc.sql(
              "INSERT INTO backups (cluster_id, backup_id) VALUES (?, ?)"
                  + " ON CONFLICT (cluster_id, backup_id) DO NOTHING")
          .params(clusterId, backupId)
          .update();
    }
  }

  /** The backup ids of the cluster the inventory knows. */
  public List<String> backupIds(String clusterId) {
    return jdbc.sql("SELECT backup_id FROM backups WHERE cluster_id = ? ORDER BY recorded_at, 1")
        .param(clusterId)
        .query(String.class)
        .list();
  }

  /** The clusters with a backup of this id: one, unless two clusters chose the same id. */
  public List<String> clustersOf(String backupId) {
    return jdbc.sql("SELECT cluster_id FROM backups WHERE backup_id = ? ORDER BY cluster_id")
        .param(backupId)
        .query(String.class)
        .list();
  }

  public void recordVerification(VerificationRow verification) {
    jdbc.sql(
            "INSERT INTO backup_verifications"
                + " (operation_id, cluster_id, backup_id, workflow_id) VALUES (?, ?, ?, ?)")
        .params(
            verification.operationId(),
            verification.clusterId(),
            verification.backupId(),
            verification.workflowId())
        .update();
  }

  public Optional<VerificationRow> verification(String operationId) {
    return jdbc.sql(
            "SELECT operation_id, cluster_id, backup_id, workflow_id, requested_at"
                + " FROM backup_verifications WHERE operation_id = ?")
        .param(operationId)
        .query(
            (rs, row) ->
                new VerificationRow(
                    rs.getString("operation_id"),
                    rs.getString("cluster_id"),
                    rs.getString("backup_id"),
                    rs.getString("workflow_id"),
                    InstanceRepository.instant(rs.getTimestamp("requested_at"))))
        .optional();
  }
}
