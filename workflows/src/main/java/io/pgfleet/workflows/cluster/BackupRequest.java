package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.backup.BackupMode;

/**
 * An operator's request for a base backup ({@code POST /api/v1/clusters/{id}/backups}).
 *
 * @param operationId chosen by the gateway; the Update id, the child workflow's id suffix and the
 *     backup's catalog id, so it must name an S3 object (letters, digits, '.', '_', '-')
 * @param mode snapshot (default when null) or copy
 */
public record BackupRequest(String operationId, BackupMode mode) {

  public BackupMode modeOrDefault() {
    return mode == null ? BackupMode.SNAPSHOT : mode;
  }
}
