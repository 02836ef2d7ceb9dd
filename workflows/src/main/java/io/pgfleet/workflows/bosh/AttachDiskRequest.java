package io.pgfleet.workflows.bosh;

/**
 * Hands a disk to a BOSH instance as its persistent disk ({@code PUT /disks/:cid/attachments}).
 *
 * @param instanceGroup BOSH's job name, e.g. "postgres"
 * @param instanceId the instance's uuid; BOSH matches only the uuid here, never the index
 * @param diskCid the disk to attach: a volume made from a snapshot, or an orphaned disk (attaching
 *     the disk an instance had before a restore brings it back)
 * @param contextId sent as X-Bosh-Context-Id; the same for every attempt of one attachment
 */
public record AttachDiskRequest(
    String deployment, String instanceGroup, String instanceId, String diskCid, String contextId) {}
