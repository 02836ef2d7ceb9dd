package io.pgfleet.workflows.host;

/**
 * What a node needs to recover a restored data directory (a volume made from a snapshot backup) to
 * a target: the backup's label files and where the WAL comes from.
 *
 * @param backupLabel the catalog's {@code backup_label}, written into the data directory
 * @param tablespaceMap the catalog's {@code tablespace_map}; null when the backup had none
 * @param target where recovery stops; the server is promoted there
 * @param source the archive that holds the backup's WAL: the backed-up cluster's stanza (another
 *     cluster's when restoring into a new cluster)
 */
public record PrepareRestoreInput(
    String backupLabel, String tablespaceMap, RecoveryTarget target, ArchiveSettings source) {}
