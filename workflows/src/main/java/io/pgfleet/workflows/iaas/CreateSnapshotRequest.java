package io.pgfleet.workflows.iaas;

import java.util.Map;

/**
 * @param diskCid the disk to snapshot (BOSH's disk_cid)
 * @param tags recorded on the snapshot (e.g. cluster and backup ids)
 * @param clientToken the same for every attempt of one logical snapshot (e.g. the backup id), so a
 *     retry finds the snapshot instead of making another
 */
public record CreateSnapshotRequest(
    String diskCid, String description, Map<String, String> tags, String clientToken) {}
