package io.pgfleet.iaas.aws;

import io.pgfleet.workflows.iaas.AttachVolumeRequest;
import io.pgfleet.workflows.iaas.CreateSnapshotRequest;
import io.pgfleet.workflows.iaas.CreateVolumeRequest;
import io.pgfleet.workflows.iaas.DetachVolumeRequest;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.iaas.PowerOffRequest;
import io.pgfleet.workflows.iaas.PowerState;
import io.pgfleet.workflows.iaas.SnapshotInfo;
import io.pgfleet.workflows.iaas.VolumeInfo;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@link IaasActivities} over EC2: VM cids are instance ids, disk cids volume ids. Build it with
 * {@code new Ec2IaasActivities(Ec2Clients.create(settings))}; the client is the caller's to close.
 */
public final class Ec2IaasActivities implements IaasActivities {

  private final Ec2Power power;
  private final Ec2Snapshots snapshots;
  private final Ec2Volumes volumes;
  private final Ec2Attachments attachments;

  public Ec2IaasActivities(Ec2Client ec2) {
    this(ec2, Ec2Waits.DEFAULT);
  }

  public Ec2IaasActivities(Ec2Client ec2, Ec2Waits waits) {
    this.power = new Ec2Power(ec2, new Poller(waits.pollInterval(), waits.powerOff()));
    this.snapshots = new Ec2Snapshots(ec2, new Poller(waits.pollInterval(), waits.snapshot()));
    this.volumes = new Ec2Volumes(ec2, new Poller(waits.pollInterval(), waits.volume()));
    this.attachments = new Ec2Attachments(ec2, new Poller(waits.pollInterval(), waits.volume()));
  }

  @Override
  public PowerState powerOff(PowerOffRequest request) {
    return call("Power off of " + request.vmCid(), () -> power.powerOff(request));
  }

  @Override
  public PowerState powerState(String vmCid) {
    return call("Power state of " + vmCid, () -> power.state(vmCid));
  }

  @Override
  public SnapshotInfo createSnapshot(CreateSnapshotRequest request) {
    return call("Snapshot of " + request.diskCid(), () -> snapshots.create(request));
  }

  @Override
  public SnapshotInfo snapshot(String snapshotId) {
    return call("Reading snapshot " + snapshotId, () -> snapshots.get(snapshotId));
  }

  @Override
  public SnapshotInfo awaitSnapshot(String snapshotId) {
    return call("Waiting for snapshot " + snapshotId, () -> snapshots.await(snapshotId));
  }

  @Override
  public void deleteSnapshot(String snapshotId) {
    call(
        "Deleting snapshot " + snapshotId,
        () -> {
          snapshots.delete(snapshotId);
          return null;
        });
  }

  @Override
  public VolumeInfo createVolumeFromSnapshot(CreateVolumeRequest request) {
    return call(
        "Volume from snapshot " + request.snapshotId(), () -> volumes.createFromSnapshot(request));
  }

  @Override
  public VolumeInfo volume(String volumeId) {
    return call("Reading volume " + volumeId, () -> volumes.get(volumeId));
  }

  @Override
  public void deleteVolume(String volumeId) {
    call(
        "Deleting volume " + volumeId,
        () -> {
          volumes.delete(volumeId);
          return null;
        });
  }

  @Override
  public VolumeInfo attachVolume(AttachVolumeRequest request) {
    return call(
        "Attaching volume " + request.volumeId() + " to " + request.vmCid(),
        () -> attachments.attach(request));
  }

  @Override
  public VolumeInfo detachVolume(DetachVolumeRequest request) {
    return call("Detaching volume " + request.volumeId(), () -> attachments.detach(request));
  }

  private static <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (SdkException e) {
      throw Ec2Failures.toFailure(what, e);
    }
  }
}
