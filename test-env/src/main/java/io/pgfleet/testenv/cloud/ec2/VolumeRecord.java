package io.pgfleet.testenv.cloud.ec2;

/**
 * A volume made by CreateVolume: a disk directory {@code <state>/disks/<volume-id>/} that no BOSH
 * instance uses yet.
 *
 * @param clientToken CreateVolume's idempotency token, or null
 * @param state creating (copying), available or error
 */
record VolumeRecord(
    String volumeId,
    String snapshotId,
    String availabilityZone,
    int sizeGb,
    long createTime,
    String clientToken,
    String state) {

  static final String CREATING = "creating";
  static final String AVAILABLE = "available";
  static final String ERROR = "error";

  VolumeRecord withState(String newState) {
    return new VolumeRecord(
        volumeId, snapshotId, availabilityZone, sizeGb, createTime, clientToken, newState);
  }
}
