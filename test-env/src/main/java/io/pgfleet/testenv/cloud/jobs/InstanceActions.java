package io.pgfleet.testenv.cloud.jobs;

import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.manifest.LocalRelease;
import io.pgfleet.testenv.cloud.manifest.Manifest;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.state.OrphanDiskRecord;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.vm.VmManager;
import io.pgfleet.workers.node.NodeAgentConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps a Director task takes on one instance, each persisting the instance's new record right
 * after the VM changed so a crash never leaks a VM, disk or address.
 */
final class InstanceActions {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceActions.class);

  /** Size recorded for a disk given by persistent_disk_type (no cloud config to look it up). */
  static final int DEFAULT_DISK_TYPE_SIZE_MB = 10240;

  private final StateStore store;
  private final VmManager vms;

  InstanceActions(StateStore store, VmManager vms) {
    this.store = store;
    this.vms = vms;
  }

  /** Gives the instance an address, its group's persistent disk and a VM, whichever it lacks. */
  InstanceRecord provision(String deployment, Manifest manifest, InstanceRecord instance)
      throws Exception {
    InstanceRecord next = instance;
    if (next.address() == null) {
      next = next.withAddress(vms.allocateAddress(store.get().addressesInUse()));
      store.putInstance(deployment, next);
    }
    Manifest.InstanceGroup group = manifest.instanceGroup(next.group()).orElse(null);
    if (next.diskCid() == null && group != null && group.hasPersistentDisk()) {
      next = vms.createDisk(next, diskSizeMb(group));
      store.putInstance(deployment, next);
    }
    if (!next.hasVm()) {
      next = vms.createVm(next);
      store.putInstance(deployment, next);
    }
    return next;
  }

  private static int diskSizeMb(Manifest.InstanceGroup group) {
    return group.persistentDisk() != null ? group.persistentDisk() : DEFAULT_DISK_TYPE_SIZE_MB;
  }

  /** Renders the node-agent job and makes sure its agent runs with that configuration. */
  void startJobs(String deployment, Manifest manifest, InstanceRecord instance) throws Exception {
    NodeAgentConfig config = render(deployment, manifest, instance);
    try {
      vms.startAgent(config);
    } catch (Exception e) {
      LOG.warn("Node agent of {} did not start", instance.label(), e);
      throw DirectorError.inTask(
          DirectorError.AGENT_JOB_NOT_RUNNING,
          "'"
              + instance.label()
              + "' is not running after update. Review logs for failed jobs: "
              + LocalRelease.NODE_AGENT_JOB);
    }
  }

  NodeAgentConfig render(String deployment, Manifest manifest, InstanceRecord instance)
      throws Exception {
    DeploymentRecord current = store.deployment(deployment).orElseThrow();
    NodeAgentConfig config =
        vms.renderer().render(deployment, manifest, instance, current.instances());
    vms.render(config);
    return config;
  }

  InstanceRecord stop(String deployment, Manifest manifest, InstanceRecord instance)
      throws Exception {
    InstanceRecord next = instance.withState(InstanceRecord.STOPPED);
    if (next.hasVm()) {
      render(deployment, manifest, next);
    }
    vms.stopJobs(next);
    store.putInstance(deployment, next);
    return next;
  }

  /** Deletes the VM and keeps the disk and the address: {@code bosh stop --hard}. */
  InstanceRecord detach(String deployment, InstanceRecord instance) throws Exception {
    InstanceRecord next = vms.deleteVm(instance).withState(InstanceRecord.DETACHED);
    store.putInstance(deployment, next);
    return next;
  }

  InstanceRecord start(String deployment, Manifest manifest, InstanceRecord instance)
      throws Exception {
    InstanceRecord next =
        provision(deployment, manifest, instance.withState(InstanceRecord.STARTED));
    store.putInstance(deployment, next);
    next = migrateDiskIfResized(deployment, manifest, next);
    startJobs(deployment, manifest, next);
    return next;
  }

  /**
   * A manifest whose persistent disk size differs from the instance's disk: the data moves to a new
   * disk of that size (jobs stopped meanwhile) and the old disk is orphaned, as a Director does on
   * a disk size change. The caller starts the jobs again.
   */
  InstanceRecord migrateDiskIfResized(String deployment, Manifest manifest, InstanceRecord instance)
      throws Exception {
    Manifest.InstanceGroup group = manifest.instanceGroup(instance.group()).orElse(null);
    if (group == null || !group.hasPersistentDisk() || instance.diskCid() == null) {
      return instance;
    }
    int wanted = diskSizeMb(group);
    if (wanted == instance.diskSizeMb()) {
      return instance;
    }
    InstanceRecord moved = vms.migrateDisk(instance, wanted);
    orphanDisk(deployment, instance);
    store.putInstance(deployment, moved);
    return moved;
  }

  /** A new VM (new cid, same address), the persistent disk re-attached. */
  InstanceRecord recreate(String deployment, Manifest manifest, InstanceRecord instance)
      throws Exception {
    InstanceRecord withoutVm = vms.deleteVm(instance);
    store.putInstance(deployment, withoutVm);
    return start(deployment, manifest, withoutVm);
  }

  /** Deletes the instance: VM gone, disk orphaned, address released. */
  void delete(String deployment, InstanceRecord instance) throws Exception {
    InstanceRecord withoutVm = vms.deleteVm(instance);
    store.putInstance(deployment, withoutVm);
    orphanDisk(deployment, withoutVm);
    store.update(
        s ->
            s.deployment(deployment)
                .map(d -> s.withDeployment(d.withoutInstance(instance.id())))
                .orElse(s));
    if (instance.address() != null) {
      vms.releaseAddress(instance.address());
    }
  }

  /**
   * Moves the instance's persistent disk to the orphaned disks; the instance is recorded without a
   * disk in the same change that records the orphan.
   */
  InstanceRecord orphanDisk(String deployment, InstanceRecord instance) throws Exception {
    if (instance.diskCid() == null) {
      return instance;
    }
    vms.orphanDisk(instance.diskCid());
    OrphanDiskRecord orphan =
        new OrphanDiskRecord(
            instance.diskCid(),
            instance.diskSizeMb(),
            instance.az(),
            deployment,
            instance.group() + "/" + instance.id(),
            System.currentTimeMillis() / 1000);
    InstanceRecord withoutDisk = instance.withDisk(null, 0);
    store.update(
        s ->
            s.deployment(deployment)
                .map(d -> s.withDeployment(d.withInstance(withoutDisk)))
                .orElse(s)
                .withOrphanDisk(orphan));
    return withoutDisk;
  }
}
