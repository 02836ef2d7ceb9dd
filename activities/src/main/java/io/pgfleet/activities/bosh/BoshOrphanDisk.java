package io.pgfleet.activities.bosh;

/**
 * One entry of {@code GET /orphan_disks}: a persistent disk BOSH kept when its deployment was
 * deleted or its disk replaced.
 */
public record BoshOrphanDisk(
    String diskCid,
    String size,
    String az,
    String deploymentName,
    String instanceName,
    String orphanedAt) {}
