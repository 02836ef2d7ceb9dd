package io.pgfleet.workflows.iaas;

import java.util.Map;

/**
 * @param availabilityZone where the volume is created: the zone of the VM it will be attached to
 * @param tags recorded on the volume
 * @param clientToken the same for every attempt of one logical volume (e.g. restore id + node), so
 *     a retry gets the volume the first attempt created
 */
public record CreateVolumeRequest(
    String snapshotId, String availabilityZone, Map<String, String> tags, String clientToken) {}
