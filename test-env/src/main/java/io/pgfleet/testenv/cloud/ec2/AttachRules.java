package io.pgfleet.testenv.cloud.ec2;

import io.pgfleet.testenv.cloud.state.InstanceRecord;
import java.util.regex.Pattern;

/** What EC2 checks before AttachVolume, in EC2's codes and words where EC2 has them. */
final class AttachRules {

  /** EBS device names: /dev/sdf…/dev/sdp as the AWS CPI uses, xvd*, with or without /dev/. */
  private static final Pattern DEVICE = Pattern.compile("(/dev/)?(sd|xvd)[b-z][a-z]?");

  private AttachRules() {}

  /** The disk is not attached to this VM; may it be attached there? */
  static void check(LocalDisk disk, InstanceRecord instance, String device) {
    String volumeId = disk.volumeId();
    if (!DEVICE.matcher(device).matches()) {
      throw Ec2Error.invalidParameter(
          "Value ("
              + device
              + ") for parameter device is invalid. "
              + device
              + " is not a valid EBS device name.");
    }
    if (disk.attachedVm() != null) {
      throw volumeInUse(volumeId + " is already attached to an instance");
    }
    if (disk.kind() == LocalDisk.Kind.INSTANCE) {
      throw volumeInUse(
          "Volume "
              + volumeId
              + " belongs to BOSH instance "
              + disk.owner()
              + " (detached): change it through the Director");
    }
    if (!LocalDisk.AVAILABLE.equals(disk.state())) {
      throw Ec2Error.incorrectState(
          "Volume '" + volumeId + "' is in the '" + disk.state() + "' state.");
    }
    if (instance.az() != null
        && disk.availabilityZone() != null
        && !instance.az().equals(disk.availabilityZone())) {
      throw new Ec2Error(
          Ec2Error.BAD_REQUEST,
          "InvalidVolume.ZoneMismatch",
          "The volume '"
              + volumeId
              + "' is not in the same availability zone as instance '"
              + instance.vmCid()
              + "'");
    }
    if (instance.diskCid() != null) {
      throw new Ec2Error(
          Ec2Error.BAD_REQUEST,
          "AttachmentLimitExceeded",
          "Instance '"
              + instance.vmCid()
              + "' already has volume '"
              + instance.diskCid()
              + "' attached; a local VM takes one volume, its persistent disk");
    }
  }

  private static Ec2Error volumeInUse(String message) {
    return new Ec2Error(Ec2Error.BAD_REQUEST, "VolumeInUse", message);
  }
}
