package io.pgfleet.testenv.cloud.jobs;

import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.DirectorState;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.state.JobSpec;
import io.pgfleet.testenv.cloud.state.OrphanDiskRecord;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.task.TaskContext;
import io.pgfleet.testenv.cloud.task.TaskJob;
import io.pgfleet.testenv.cloud.vm.VmManager;
import java.nio.file.Files;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code PUT /disks/:cid/attachments}, as BOSH's {@code jobs/attach_disk.rb}: the instance (found
 * by group and uuid) must be stopped or detached (520003; unknown is 520001); its disk is orphaned,
 * and the given disk, an orphan (taken back) or a volume made through the EC2 API, becomes its
 * persistent disk. The disk's size is the previous disk's with {@code disk_properties=copy}, an
 * orphan keeps its own, else BOSH's 1 MiB. Unlike BOSH, the task takes the deployment lock (so it
 * never races a state change) and fails for a disk the cloud does not have or another instance
 * uses, where BOSH would leave that to the CPI or to the next start.
 */
final class AttachDiskJob implements TaskJob {

  /** BOSH's size for an attached disk whose properties are not copied. */
  static final int UNCOPIED_SIZE_MB = 1;

  private static final String COPY = "copy";

  /** Disk cids are directory names: no separators, no dot-names. */
  private static final Pattern DISK_CID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  private final StateStore store;
  private final VmManager vms;
  private final InstanceActions actions;
  private final JobSpec spec;

  AttachDiskJob(StateStore store, VmManager vms, InstanceActions actions, JobSpec spec) {
    this.store = store;
    this.vms = vms;
    this.actions = actions;
    this.spec = spec;
  }

  @Override
  public String perform(TaskContext context) throws Exception {
    String deployment = spec.deployment();
    String cid = spec.diskCid();
    String result =
        "attached disk '%s' to '%s' in deployment '%s'"
            .formatted(cid, spec.instanceGroup() + "/" + spec.instanceId(), deployment);
    return context.withDeploymentLock(
        deployment,
        () -> {
          InstanceRecord instance = stoppedInstance();
          if (cid.equals(instance.diskCid())) {
            context.debug("Disk " + cid + " is already the disk of " + instance.label());
            return result;
          }
          Optional<OrphanDiskRecord> orphan = requireAttachable(cid);
          int size = size(instance, orphan);
          InstanceRecord withoutDisk = actions.orphanDisk(deployment, instance);
          context.debug("Orphaned " + instance.diskCid() + " of " + instance.label());
          if (orphan.isPresent()) {
            vms.unorphanDisk(cid);
          }
          InstanceRecord attached = withoutDisk.withDisk(cid, size);
          store.update(
              s ->
                  s.withoutOrphanDisk(cid)
                      .withDeployment(
                          s.deployment(deployment).orElseThrow().withInstance(attached)));
          vms.remountStore(attached);
          context.debug("Attached " + cid + " to " + instance.label());
          return result;
        });
  }

  private InstanceRecord stoppedInstance() {
    String name = "'" + spec.instanceGroup() + "/" + spec.instanceId() + "'";
    String where = " in deployment '" + spec.deployment() + "'";
    InstanceRecord instance =
        store
            .deployment(spec.deployment())
            .map(DeploymentRecord::instances)
            .flatMap(
                all ->
                    all.stream()
                        .filter(i -> i.group().equals(spec.instanceGroup()))
                        .filter(i -> i.id().equals(spec.instanceId()))
                        .findFirst())
            .orElseThrow(
                () ->
                    DirectorError.inTask(
                        DirectorError.ATTACH_DISK_UNKNOWN_INSTANCE,
                        "Instance " + name + where + " was not found"));
    if (!InstanceRecord.STOPPED.equals(instance.state())
        && !InstanceRecord.DETACHED.equals(instance.state())) {
      throw DirectorError.inTask(
          DirectorError.ATTACH_DISK_INVALID_INSTANCE_STATE,
          "Instance " + name + where + " must be in 'bosh stopped' state");
    }
    return instance;
  }

  /** The orphan record when the disk is an orphan; empty for a free volume. */
  private Optional<OrphanDiskRecord> requireAttachable(String cid) {
    String unknown = "Disk '" + cid + "' not found: neither a volume nor an orphaned disk";
    if (!DISK_CID.matcher(cid).matches()) {
      throw DirectorError.inTask(DirectorError.GENERIC, unknown);
    }
    DirectorState state = store.get();
    Optional<DirectorState.DiskHolder> holder = state.diskHolder(cid);
    if (holder.isPresent()) {
      throw DirectorError.inTask(
          DirectorError.GENERIC,
          "Disk '"
              + cid
              + "' is the persistent disk of instance '"
              + holder.get().label()
              + "'; attach it elsewhere only after it was replaced there");
    }
    Optional<OrphanDiskRecord> orphan = state.orphanDisk(cid);
    boolean present =
        orphan.isPresent()
            ? Files.isDirectory(vms.layout().orphanedDiskDir(cid))
            : Files.isDirectory(vms.layout().diskDir(cid));
    if (!present) {
      throw DirectorError.inTask(DirectorError.GENERIC, unknown);
    }
    return orphan;
  }

  private int size(InstanceRecord instance, Optional<OrphanDiskRecord> orphan) {
    if (orphan.isPresent()) {
      return orphan.get().size();
    }
    boolean copy = COPY.equals(spec.diskProperties()) && instance.diskCid() != null;
    return copy ? instance.diskSizeMb() : UNCOPIED_SIZE_MB;
  }
}
