package io.pgfleet.testenv.cloud.ec2;

import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.DirectorState;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.vm.VmManager;
import java.io.IOException;
import java.util.Objects;

/**
 * Volume attachments as the local cloud has them: a VM takes one volume, its instance's persistent
 * disk (its /var/vcap/store). So attaching or detaching through the EC2 API changes the Director's
 * record of the instance's disk, one truth for both APIs, and re-points the VM's store. Where a
 * real Director would still count an EC2-detached disk as the instance's, this one forgets it: it
 * becomes a volume like one from CreateVolume, to be attached again through either API.
 */
final class LocalAttachments {

  private static final int MIB_PER_GIB = 1024;

  /**
   * @param fresh true when this call attached it, false when it already was
   */
  record Attachment(String volumeId, String vmCid, String device, Long attachTime, boolean fresh) {}

  private final LocalResources resources;
  private final StateStore director;
  private final Ec2StateStore ec2;
  private final VmManager vms;

  LocalAttachments(
      LocalResources resources, StateStore director, Ec2StateStore ec2, VmManager vms) {
    this.resources = resources;
    this.director = director;
    this.ec2 = ec2;
    this.vms = vms;
  }

  Attachment attach(String volumeId, String vmCid, String device) throws IOException {
    LocalDisk disk = resources.requireDisk(volumeId);
    LocalResources.Vm vm = resources.requireVm(vmCid);
    if (vmCid.equals(disk.attachedVm())) {
      return new Attachment(
          volumeId, vmCid, ec2.get().deviceOf(volumeId), disk.attachTime(), false);
    }
    AttachRules.check(disk, vm.instance(), device);
    boolean orphan = disk.kind() == LocalDisk.Kind.ORPHAN;
    if (orphan) {
      vms.unorphanDisk(volumeId);
    }
    InstanceRecord attached;
    try {
      attached = recordDisk(vm, volumeId, disk.sizeGb() * MIB_PER_GIB);
    } catch (RuntimeException e) {
      if (orphan) {
        vms.orphanDisk(volumeId); // another call took the slot meanwhile: put the orphan back
      }
      throw e;
    }
    ec2.update(s -> s.withDevice(volumeId, device));
    vms.remountStore(attached);
    return new Attachment(volumeId, vmCid, device, System.currentTimeMillis(), true);
  }

  Attachment detach(String volumeId, String vmCid) throws IOException {
    LocalDisk disk = resources.requireDisk(volumeId);
    if (vmCid != null) {
      resources.requireVm(vmCid);
    }
    if (disk.attachedVm() == null) {
      throw Ec2Error.incorrectState(
          "Volume '" + volumeId + "' is in the '" + disk.state() + "' state.");
    }
    if (vmCid != null && !vmCid.equals(disk.attachedVm())) {
      throw new Ec2Error(
          Ec2Error.BAD_REQUEST,
          "InvalidAttachment.NotFound",
          "The volume '" + volumeId + "' is not attached to instance '" + vmCid + "'.");
    }
    String device = ec2.get().deviceOf(volumeId);
    InstanceRecord detached = forgetDisk(volumeId, disk.attachedVm());
    ec2.update(
        s -> {
          Ec2State next = s.withDevice(volumeId, null);
          return s.volume(volumeId).isPresent() ? next : next.withVolume(asVolume(disk));
        });
    vms.remountStore(detached);
    return new Attachment(volumeId, disk.attachedVm(), device, disk.attachTime(), true);
  }

  /** Checks again inside the update: a Director task may have changed the instance meanwhile. */
  private InstanceRecord recordDisk(LocalResources.Vm vm, String volumeId, int sizeMb) {
    InstanceRecord[] attached = new InstanceRecord[1];
    director.update(
        s -> {
          InstanceRecord now = current(s, vm.deployment(), vm.instance().id(), vm);
          if (now.diskCid() != null || s.diskHolder(volumeId).isPresent()) {
            throw Ec2Error.incorrectState(
                "Volume '" + volumeId + "' or instance '" + now.vmCid() + "' changed meanwhile");
          }
          attached[0] = now.withDisk(volumeId, sizeMb);
          return s.withoutOrphanDisk(volumeId)
              .withDeployment(
                  s.deployment(vm.deployment()).orElseThrow().withInstance(attached[0]));
        });
    return attached[0];
  }

  private InstanceRecord forgetDisk(String volumeId, String vmCid) {
    InstanceRecord[] detached = new InstanceRecord[1];
    director.update(
        s -> {
          DirectorState.DiskHolder holder =
              s.diskHolder(volumeId)
                  .filter(h -> Objects.equals(vmCid, h.instance().vmCid()))
                  .orElseThrow(
                      () ->
                          Ec2Error.incorrectState(
                              "Volume '" + volumeId + "' is no longer attached to " + vmCid));
          detached[0] = holder.instance().withDisk(null, 0);
          DeploymentRecord d = s.deployment(holder.deployment()).orElseThrow();
          return s.withDeployment(d.withInstance(detached[0]));
        });
    return detached[0];
  }

  private static InstanceRecord current(
      DirectorState s, String deployment, String instanceId, LocalResources.Vm vm) {
    return s.deployment(deployment)
        .flatMap(d -> d.instanceById(instanceId))
        .filter(i -> Objects.equals(i.vmCid(), vm.instance().vmCid()))
        .orElseThrow(() -> Ec2Error.instanceNotFound(vm.instance().vmCid()));
  }

  /** A BOSH disk detached through EC2 stays as a plain volume. */
  private static VolumeRecord asVolume(LocalDisk disk) {
    return new VolumeRecord(
        disk.volumeId(),
        disk.snapshotId(),
        disk.availabilityZone(),
        disk.sizeGb(),
        disk.createTime(),
        null,
        VolumeRecord.AVAILABLE);
  }
}
