package io.pgfleet.workflows.iaas;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * IaaS operations behind BOSH's back: fencing a VM and the snapshot/volume steps of backup and
 * restore (attachments included). Every method is safe to run twice; each says how. Failures carry
 * the types {@code IAAS_UNAVAILABLE} (retryable: throttled, 5xx, unreachable), {@code
 * IAAS_NOT_FOUND} and {@code IAAS_REQUEST_REJECTED} (both non-retryable), see {@link
 * io.pgfleet.workflows.FailureType}.
 */
@ActivityInterface
public interface IaasActivities {

  /**
   * STONITH: powers the VM off hard (no graceful shutdown) and waits, heartbeating, until the IaaS
   * reports it {@code stopped}. A VM already stopped (or terminated) is success, so a retry or a
   * second fence returns the same state.
   */
  @ActivityMethod(name = "Iaas.powerOff")
  PowerState powerOff(PowerOffRequest request);

  /** The VM's power state as the IaaS reports it now; read-only. */
  @ActivityMethod(name = "Iaas.powerState")
  PowerState powerState(String vmCid);

  /**
   * Starts a snapshot of the disk and returns without waiting for it to complete; the data is the
   * disk's content at the time of the call. Idempotent by {@code clientToken}: a snapshot already
   * made with the same token is returned instead of a new one.
   */
  @ActivityMethod(name = "Iaas.createSnapshot")
  SnapshotInfo createSnapshot(CreateSnapshotRequest request);

  /** The snapshot as it is now; read-only. An unknown id fails with {@code IAAS_NOT_FOUND}. */
  @ActivityMethod(name = "Iaas.snapshot")
  SnapshotInfo snapshot(String snapshotId);

  /**
   * Waits, heartbeating, until the snapshot is {@code completed} and returns it; read-only. A
   * snapshot that ends in {@code error} fails with {@code IAAS_REQUEST_REJECTED}.
   */
  @ActivityMethod(name = "Iaas.awaitSnapshot")
  SnapshotInfo awaitSnapshot(String snapshotId);

  /** Deletes the snapshot; a snapshot that does not exist (any more) counts as deleted. */
  @ActivityMethod(name = "Iaas.deleteSnapshot")
  void deleteSnapshot(String snapshotId);

  /**
   * Creates a volume from a completed snapshot and waits, heartbeating, until it is {@code
   * available}. Idempotent by {@code clientToken}: a retry returns the volume the first attempt
   * created.
   */
  @ActivityMethod(name = "Iaas.createVolumeFromSnapshot")
  VolumeInfo createVolumeFromSnapshot(CreateVolumeRequest request);

  /** The volume as it is now; read-only. An unknown id fails with {@code IAAS_NOT_FOUND}. */
  @ActivityMethod(name = "Iaas.volume")
  VolumeInfo volume(String volumeId);

  /**
   * Deletes a volume that no VM uses; one that does not exist (any more) counts as deleted. An
   * attached volume fails with {@code IAAS_REQUEST_REJECTED} (detach it, through BOSH, first).
   */
  @ActivityMethod(name = "Iaas.deleteVolume")
  void deleteVolume(String volumeId);

  /**
   * Attaches a volume to a VM at the IaaS level and waits, heartbeating, until the IaaS reports the
   * attachment {@code attached}; returns the volume then ({@code in-use}, attached to the VM). A
   * volume already attached to that VM is success, so a retry returns the same state. A volume
   * attached to another VM fails with {@code IAAS_REQUEST_REJECTED}; an unknown volume or VM with
   * {@code IAAS_NOT_FOUND}. For a BOSH instance's persistent disk use BOSH's disk attachment
   * ({@code BoshActivities.attachDisk}) instead: BOSH does not learn of IaaS-level attachments.
   */
  @ActivityMethod(name = "Iaas.attachVolume")
  VolumeInfo attachVolume(AttachVolumeRequest request);

  /**
   * Detaches a volume and waits, heartbeating, until it is {@code available}; returns it then. A
   * volume attached to no VM is success. One attached to another VM than the request names fails
   * with {@code IAAS_REQUEST_REJECTED}; an unknown volume with {@code IAAS_NOT_FOUND}.
   */
  @ActivityMethod(name = "Iaas.detachVolume")
  VolumeInfo detachVolume(DetachVolumeRequest request);
}
