package io.pgfleet.workflows.iaas;

/**
 * @param volumeId the volume (disk cid) to attach, e.g. one made by {@code
 *     createVolumeFromSnapshot}; it must be in the VM's availability zone
 * @param vmCid the VM to attach it to (BOSH's vm_cid)
 * @param device the device name the VM sees, e.g. {@code /dev/sdf}
 */
public record AttachVolumeRequest(String volumeId, String vmCid, String device) {}
