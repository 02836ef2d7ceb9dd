package io.pgfleet.testenv.cloud.vm;

import io.pgfleet.testenv.cloud.state.InstanceRecord;
import java.nio.file.Path;

/**
 * Where a local VM lives on the host: {@code <state>/vms/<vm-cid>/} is its ephemeral disk (BOSH's
 * /var/vcap/data, deleted with the VM) and {@code <state>/disks/<disk-cid>/} its persistent disk
 * (BOSH's /var/vcap/store, kept across recreate).
 */
public final class VmLayout {

  private final Path stateDir;

  public VmLayout(Path stateDir) {
    this.stateDir = stateDir;
  }

  public Path stateDir() {
    return stateDir;
  }

  public Path vmDir(String vmCid) {
    return stateDir.resolve("vms").resolve(vmCid);
  }

  public Path diskDir(String diskCid) {
    return stateDir.resolve("disks").resolve(diskCid);
  }

  public Path orphanedDiskDir(String diskCid) {
    return stateDir.resolve("orphaned_disks").resolve(diskCid);
  }

  /** The persistent disk's mount point, or a directory on the ephemeral disk without one. */
  public Path storeDir(InstanceRecord instance) {
    return instance.diskCid() != null
        ? diskDir(instance.diskCid())
        : vmDir(instance.vmCid()).resolve("store");
  }

  /** Where the rendered node-agent job configuration goes, as BOSH's jobs/<job>/config/. */
  public static Path agentConfig(Path vmDir) {
    return vmDir.resolve("jobs").resolve("node-agent").resolve("config").resolve("agent.json");
  }

  /** Pid files of the processes the node agent intends to keep running. */
  public static Path runDir(Path vmDir) {
    return vmDir.resolve("sys").resolve("run");
  }
}
