package io.pgfleet.workflows.iaas;

/**
 * @param volumeId the volume (disk cid) to detach
 * @param vmCid the VM it should be attached to, or null for whichever it is attached to; a volume
 *     attached to another VM than this one is refused, not detached
 * @param force detach even if the VM did not let go of the volume cleanly (EC2's Force: the VM
 *     cannot flush its file system first, so use it only on a failed VM)
 */
public record DetachVolumeRequest(String volumeId, String vmCid, boolean force) {}
