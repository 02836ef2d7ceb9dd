package io.pgfleet.testenv.cloud.ec2;

import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.state.OrphanDiskRecord;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.vm.VmLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local cloud's VMs and disks as EC2 instances and volumes, read fresh from the Director's
 * state and the EC2 API's own on every call.
 */
final class LocalResources {

  private static final int MIB_PER_GIB = 1024;

  /** A VM and the instance it belongs to. */
  record Vm(String deployment, InstanceRecord instance) {}

  private final StateStore director;
  private final Ec2StateStore ec2;
  private final VmLayout layout;

  LocalResources(StateStore director, Ec2StateStore ec2, VmLayout layout) {
    this.director = director;
    this.ec2 = ec2;
    this.layout = layout;
  }

  List<Vm> vms() {
    List<Vm> vms = new ArrayList<>();
    for (DeploymentRecord d : director.get().deployments()) {
      d.instances().stream()
          .filter(InstanceRecord::hasVm)
          .forEach(i -> vms.add(new Vm(d.name(), i)));
    }
    return vms;
  }

  Optional<Vm> vm(String vmCid) {
    return vms().stream().filter(v -> v.instance().vmCid().equals(vmCid)).findFirst();
  }

  Vm requireVm(String vmCid) {
    return vm(vmCid).orElseThrow(() -> Ec2Error.instanceNotFound(vmCid));
  }

  List<LocalDisk> disks() {
    Ec2State state = ec2.get();
    List<LocalDisk> disks = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (DeploymentRecord d : director.get().deployments()) {
      for (InstanceRecord i : d.instances()) {
        if (i.diskCid() != null && seen.add(i.diskCid())) {
          disks.add(instanceDisk(d.name(), i, state));
        }
      }
    }
    for (OrphanDiskRecord o : director.get().orphanDisks()) {
      if (seen.add(o.diskCid())) {
        Path dir = layout.orphanedDiskDir(o.diskCid());
        disks.add(
            new LocalDisk(
                o.diskCid(),
                dir,
                gib(o.size()),
                o.az(),
                snapshotOf(o.diskCid(), state),
                createdAt(dir),
                null,
                null,
                null,
                LocalDisk.Kind.ORPHAN,
                LocalDisk.AVAILABLE));
      }
    }
    for (VolumeRecord v : state.volumes()) {
      if (goneWithBosh(v)) {
        continue;
      }
      if (seen.add(v.volumeId())) {
        disks.add(
            new LocalDisk(
                v.volumeId(),
                layout.diskDir(v.volumeId()),
                v.sizeGb(),
                v.availabilityZone(),
                v.snapshotId(),
                v.createTime(),
                null,
                null,
                null,
                LocalDisk.Kind.VOLUME,
                v.state()));
      }
    }
    return disks;
  }

  Optional<LocalDisk> disk(String volumeId) {
    return disks().stream().filter(d -> d.volumeId().equals(volumeId)).findFirst();
  }

  LocalDisk requireDisk(String volumeId) {
    return disk(volumeId).orElseThrow(() -> Ec2Error.volumeNotFound(volumeId));
  }

  /**
   * A volume BOSH took over, orphaned and deleted (DELETE /orphan_disks) leaves its record behind
   * without a directory; the volume is gone.
   */
  private boolean goneWithBosh(VolumeRecord v) {
    return VolumeRecord.AVAILABLE.equals(v.state()) && !Files.isDirectory(diskDir(v.volumeId()));
  }

  /** Where a volume made by CreateVolume lives: among BOSH's disks, ready to be attached. */
  Path diskDir(String volumeId) {
    return layout.diskDir(volumeId);
  }

  /** Drops an orphaned disk from the Director's records (its directory is the caller's). */
  void forgetOrphan(String diskCid) {
    director.update(s -> s.withoutOrphanDisk(diskCid));
  }

  private LocalDisk instanceDisk(String deployment, InstanceRecord i, Ec2State state) {
    Path dir = layout.diskDir(i.diskCid());
    return new LocalDisk(
        i.diskCid(),
        dir,
        // a volume keeps its size; BOSH may record another (1 MiB when not told to copy)
        state.volume(i.diskCid()).map(VolumeRecord::sizeGb).orElse(gib(i.diskSizeMb())),
        i.az(),
        snapshotOf(i.diskCid(), state),
        createdAt(dir),
        i.hasVm() ? i.vmCid() : null,
        i.hasVm() && i.vmCreatedAt() != null ? i.vmCreatedAt() * 1000 : null,
        deployment + ": " + i.group() + "/" + i.id(),
        LocalDisk.Kind.INSTANCE,
        i.hasVm() ? LocalDisk.IN_USE : LocalDisk.AVAILABLE);
  }

  /** A disk BOSH took over from CreateVolume still names the snapshot it came from. */
  private static String snapshotOf(String diskCid, Ec2State state) {
    return state.volume(diskCid).map(VolumeRecord::snapshotId).orElse(null);
  }

  static int gib(int mib) {
    return Math.max(1, (mib + MIB_PER_GIB - 1) / MIB_PER_GIB);
  }

  private static long createdAt(Path dir) {
    try {
      return Files.readAttributes(dir, BasicFileAttributes.class).creationTime().toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
