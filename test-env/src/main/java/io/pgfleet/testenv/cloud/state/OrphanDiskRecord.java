package io.pgfleet.testenv.cloud.state;

/**
 * A persistent disk no instance uses any more (deployment deleted or instance removed); its
 * directory moved to {@code <state>/orphaned_disks/<cid>}.
 *
 * @param instanceName "group/uuid" of the instance that owned it
 * @param orphanedAt seconds since the epoch
 */
public record OrphanDiskRecord(
    String diskCid,
    int size,
    String az,
    String deploymentName,
    String instanceName,
    long orphanedAt) {}
