package io.pgfleet.workflows.backup;

import java.util.List;

/**
 * The snapshot-mode part of a backup: which snapshots hold the data and the files a restore writes
 * into the restored data directory before it starts PostgreSQL.
 *
 * @param snapshotIds the IaaS snapshots, one per disk (today: the primary's persistent disk)
 * @param diskCid the disk the snapshot was taken of
 * @param sizeGb the snapshotted disk's size in GiB: a volume made from it needs at least this
 * @param backupLabel pg_backup_stop's label file, written as {@code backup_label}
 * @param tablespaceMap pg_backup_stop's tablespace map, written as {@code tablespace_map}; null
 *     when there is none
 */
public record SnapshotDetails(
    List<String> snapshotIds,
    String diskCid,
    int sizeGb,
    String backupLabel,
    String tablespaceMap) {}
