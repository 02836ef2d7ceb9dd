package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.cluster.ClusterNode;

/**
 * A PostgreSQL node's persistent disk before the restore: what a rollback attaches again and the
 * release deletes.
 *
 * @param availabilityZone where the old disk lives: the restored volume must be in the same zone
 */
record NodeDisk(ClusterNode node, String oldDiskCid, String availabilityZone) {}
