package io.pgfleet.testenv.cloud.state;

import java.util.List;

/**
 * What a task does, persisted with the task so a task still queued when the Director stops runs
 * after it restarts. Unused fields are null.
 *
 * @param type BOSH's job type: update_deployment, delete_deployment, vms, delete_orphan_disks or
 *     attach_disk
 * @param manifest manifest text for a deploy, or for an instance state change that carried one
 * @param instanceState started, stopped, detached, restart or recreate for a state change
 * @param includeDetached whether a vms task lists instances without a VM ({@code /instances})
 * @param diskCids the orphaned disks a delete_orphan_disks task deletes, or the one disk an
 *     attach_disk task attaches
 * @param diskProperties attach_disk's {@code disk_properties} ("copy" or null)
 */
public record JobSpec(
    String type,
    String deployment,
    String manifest,
    String instanceGroup,
    String instanceId,
    String instanceState,
    boolean includeDetached,
    boolean force,
    List<String> diskCids,
    String diskProperties) {

  public static final String UPDATE_DEPLOYMENT = "update_deployment";
  public static final String DELETE_DEPLOYMENT = "delete_deployment";
  public static final String VMS = "vms";
  public static final String DELETE_ORPHAN_DISKS = "delete_orphan_disks";
  public static final String ATTACH_DISK = "attach_disk";

  public static JobSpec deploy(String deployment, String manifest) {
    return new JobSpec(
        UPDATE_DEPLOYMENT, deployment, manifest, null, null, null, false, false, null, null);
  }

  public static JobSpec changeState(
      String deployment, String manifest, String group, String instanceId, String state) {
    return new JobSpec(
        UPDATE_DEPLOYMENT,
        deployment,
        manifest,
        group,
        instanceId,
        state,
        false,
        false,
        null,
        null);
  }

  public static JobSpec delete(String deployment, boolean force) {
    return new JobSpec(
        DELETE_DEPLOYMENT, deployment, null, null, null, null, false, force, null, null);
  }

  public static JobSpec vmState(String deployment, boolean includeDetached) {
    return new JobSpec(VMS, deployment, null, null, null, null, includeDetached, false, null, null);
  }

  /** Not tied to a deployment: orphaned disks belong to the Director. */
  public static JobSpec deleteOrphanDisks(List<String> diskCids) {
    return new JobSpec(
        DELETE_ORPHAN_DISKS,
        null,
        null,
        null,
        null,
        null,
        false,
        false,
        List.copyOf(diskCids),
        null);
  }

  /** {@code PUT /disks/:cid/attachments}: the disk becomes the instance's persistent disk. */
  public static JobSpec attachDisk(
      String deployment, String group, String instanceId, String diskCid, String diskProperties) {
    return new JobSpec(
        ATTACH_DISK,
        deployment,
        null,
        group,
        instanceId,
        null,
        false,
        false,
        List.of(diskCid),
        diskProperties);
  }

  /** The disk an attach_disk task attaches. */
  public String diskCid() {
    return diskCids == null || diskCids.isEmpty() ? null : diskCids.get(0);
  }
}
