package io.pgfleet.testenv.cloud.ec2;

import java.nio.file.Path;

/**
 * A disk as a volume: a BOSH instance's persistent disk, an orphaned disk, or a volume made by
 * CreateVolume.
 *
 * @param attachedVm the VM cid when its instance has a VM, else null
 * @param owner the BOSH instance ("deployment: group/id") that owns it, or null
 * @param state EC2's volume state: creating, available, in-use or error
 */
record LocalDisk(
    String volumeId,
    Path dir,
    int sizeGb,
    String availabilityZone,
    String snapshotId,
    long createTime,
    String attachedVm,
    Long attachTime,
    String owner,
    Kind kind,
    String state) {

  enum Kind {
    INSTANCE,
    ORPHAN,
    VOLUME
  }

  static final String IN_USE = "in-use";
  static final String AVAILABLE = "available";
}
