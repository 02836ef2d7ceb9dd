package io.pgfleet.testenv.cloud.vm;

import io.pgfleet.testenv.cloud.VmAgentLauncher;
import io.pgfleet.testenv.cloud.ec2.DiskCopier;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.workers.node.NodeAgentConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local IaaS plus the BOSH agent: creates and deletes VMs (directories, addresses) and
 * persistent disks, renders and starts the node-agent job, stops or powers off a VM's processes,
 * and reports job state. It keeps no state of its own beyond the running agents: instances are
 * passed in and handed back updated.
 */
public final class VmManager implements AutoCloseable {

  private static final int CLOUD_ID_LENGTH = 17;
  private static final String POWERED_OFF_MARKER = "powered-off";

  private static final Logger LOG = LoggerFactory.getLogger(VmManager.class);

  private final VmLayout layout;
  private final VmSettings settings;
  private final VmUser user;
  private final AddressAllocator addresses;
  private final AgentSupervisor agents;
  private final VmProcesses processes = new VmProcesses();
  private final StoreMounts mounts;
  private final VmNetwork network;

  public VmManager(
      VmLayout layout,
      VmSettings settings,
      VmUser user,
      VmAgentLauncher launcher,
      AddressAllocator addresses,
      VmNetwork network) {
    this.network = network;
    this.layout = layout;
    this.settings = settings;
    this.user = user;
    this.addresses = addresses;
    this.agents = new AgentSupervisor(launcher);
    this.mounts = new StoreMounts(layout, user);
  }

  public VmLayout layout() {
    return layout;
  }

  public AgentConfigRenderer renderer() {
    return new AgentConfigRenderer(layout, settings, network);
  }

  public String allocateAddress(Set<String> inUse) {
    return addresses.allocate(inUse);
  }

  public void claimAddress(String address) {
    addresses.claim(address);
  }

  public void releaseAddress(String address) {
    addresses.release(address);
  }

  /** Creates a VM for the instance: a new cid and agent id, and an empty ephemeral disk. */
  public InstanceRecord createVm(InstanceRecord instance) throws IOException {
    String vmCid = "vm-" + cloudId();
    Path vmDir = Dirs.createTraversable(layout.vmDir(vmCid));
    Files.createDirectories(VmLayout.agentConfig(vmDir).getParent());
    Files.createDirectories(VmLayout.runDir(vmDir));
    Files.createDirectories(vmDir.resolve("sys").resolve("log"));
    if (instance.diskCid() == null) {
      Files.createDirectories(vmDir.resolve("store"));
    }
    user.own(vmDir);
    LOG.info("Created VM {} for {} at {}", vmCid, instance.label(), instance.address());
    return instance.withVm(vmCid, UUID.randomUUID().toString(), System.currentTimeMillis() / 1000);
  }

  /** Creates and "attaches" a persistent disk: a directory owned by the VM user. */
  public InstanceRecord createDisk(InstanceRecord instance, int sizeMb) throws IOException {
    String diskCid = "disk-" + cloudId();
    Path diskDir = Dirs.createTraversable(layout.diskDir(diskCid));
    user.own(diskDir);
    LOG.info("Created disk {} ({} MiB) for {}", diskCid, sizeMb, instance.label());
    return instance.withDisk(diskCid, sizeMb);
  }

  /**
   * BOSH's disk migration when a persistent disk's size changes: the instance's jobs stopped, a new
   * disk of the new size holding a copy of the old one's data ({@code cp -a}, reflinked where the
   * filesystem can). The caller orphans the old disk.
   */
  public InstanceRecord migrateDisk(InstanceRecord instance, int sizeMb)
      throws IOException, InterruptedException {
    stopJobs(instance);
    String diskCid = "disk-" + cloudId();
    DiskCopier.copy(layout.diskDir(instance.diskCid()), layout.diskDir(diskCid));
    LOG.info(
        "Migrated disk {} ({} MiB) of {} to {} ({} MiB)",
        instance.diskCid(),
        instance.diskSizeMb(),
        instance.label(),
        diskCid,
        sizeMb);
    return instance.withDisk(diskCid, sizeMb);
  }

  /** Deletes the instance's VM: jobs stopped, processes gone, ephemeral disk deleted. */
  public InstanceRecord deleteVm(InstanceRecord instance) throws IOException, InterruptedException {
    if (!instance.hasVm()) {
      return instance;
    }
    stopJobs(instance);
    network.detach(instance.address());
    Dirs.deleteTree(layout.vmDir(instance.vmCid()));
    LOG.info("Deleted VM {} of {}", instance.vmCid(), instance.label());
    return instance.withoutVm();
  }

  /** Moves a disk out of use, to {@code <state>/orphaned_disks/<cid>}. */
  public void orphanDisk(String diskCid) throws IOException {
    Path disk = layout.diskDir(diskCid);
    if (Files.exists(disk)) {
      Path orphaned = layout.orphanedDiskDir(diskCid);
      Files.createDirectories(orphaned.getParent());
      Files.move(disk, orphaned);
    }
  }

  /** Takes an orphaned disk back into use: {@code orphaned_disks/<cid>} to {@code disks/<cid>}. */
  public void unorphanDisk(String diskCid) throws IOException {
    Path orphaned = layout.orphanedDiskDir(diskCid);
    if (Files.exists(orphaned)) {
      Files.move(orphaned, layout.diskDir(diskCid));
    }
  }

  /**
   * Points the VM's store at the instance's current disk (after an attach or detach); see {@link
   * StoreMounts}.
   */
  public void remountStore(InstanceRecord instance) throws IOException {
    mounts.remount(instance);
  }

  public void deleteOrphanedDisk(String diskCid) throws IOException {
    Dirs.deleteTree(layout.orphanedDiskDir(diskCid));
  }

  /** Writes the rendered job configuration onto the VM. */
  public void render(NodeAgentConfig config) throws IOException {
    Path file = VmLayout.agentConfig(layout.vmDir(config.vmId()));
    config.write(file);
    user.own(file);
  }

  /** Starts the VM's agent; a powered-off VM is powered on first (BOSH start/recreate). */
  public void startAgent(NodeAgentConfig config) throws Exception {
    powerOn(config.vmId());
    network.attach(config.address());
    agents.start(config);
  }

  public boolean agentRunning(String instanceId) {
    return agents.isRunning(instanceId);
  }

  /** Stops the instance's jobs: its agent, then its processes (SIGTERM, then SIGKILL). */
  public void stopJobs(InstanceRecord instance) throws InterruptedException {
    agents.stop(instance.id());
    if (instance.hasVm()) {
      processes.stop(instance.vmCid(), settings.stopGrace());
    }
  }

  /**
   * Pulls the plug: SIGKILL every process of the VM and stop its agent. The VM stays, powered off
   * (marked before anything is killed, so a crash in between cannot bring it back on a restart).
   */
  public void powerOff(InstanceRecord instance) throws InterruptedException {
    markPoweredOff(instance);
    agents.stop(instance.id());
    if (instance.hasVm()) {
      processes.kill(instance.vmCid());
      LOG.info("Powered off VM {} of {}", instance.vmCid(), instance.label());
    }
  }

  /**
   * A crash of everything on the VM (kernel panic, every process killed) while the IaaS still
   * reports it running: SIGKILL to every process and its agent stopped, not marked powered off.
   */
  public void crash(InstanceRecord instance) throws InterruptedException {
    agents.stop(instance.id());
    if (instance.hasVm()) {
      processes.kill(instance.vmCid());
      LOG.info("Crashed VM {} of {}", instance.vmCid(), instance.label());
    }
  }

  /** An OS shutdown: the agent stopped, processes SIGTERM then SIGKILL; the VM stays off. */
  public void shutDown(InstanceRecord instance) throws InterruptedException {
    markPoweredOff(instance);
    stopJobs(instance);
    LOG.info("Shut down VM {} of {}", instance.vmCid(), instance.label());
  }

  /** Whether the VM was powered off and not started since; false for unknown VMs. */
  public boolean isPoweredOff(String vmCid) {
    return Files.exists(poweredOffMarker(vmCid));
  }

  /** Powers the VM on; its agent is started separately. */
  public void powerOn(String vmCid) throws IOException {
    if (Files.deleteIfExists(poweredOffMarker(vmCid))) {
      LOG.info("Powered on VM {}", vmCid);
    }
  }

  private void markPoweredOff(InstanceRecord instance) {
    if (!instance.hasVm()) {
      return;
    }
    try {
      Files.writeString(poweredOffMarker(instance.vmCid()), "");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot mark VM " + instance.vmCid() + " powered off", e);
    }
  }

  /** Kept on the VM's ephemeral disk: it survives a restart and goes with the VM. */
  private Path poweredOffMarker(String vmCid) {
    return layout.vmDir(vmCid).resolve("sys").resolve(POWERED_OFF_MARKER);
  }

  public String jobState(InstanceRecord instance) {
    return JobStateProbe.jobState(instance, vmDirOrNull(instance), agents.isRunning(instance.id()));
  }

  public List<Map<String, String>> processes(InstanceRecord instance) {
    return JobStateProbe.processList(
        instance, vmDirOrNull(instance), agents.isRunning(instance.id()));
  }

  private Path vmDirOrNull(InstanceRecord instance) {
    return instance.hasVm() ? layout.vmDir(instance.vmCid()) : null;
  }

  /** The VMs' network (namespaces and partitions, when the cloud has them). */
  public VmNetwork network() {
    return network;
  }

  /**
   * Stops every agent; VM processes keep running, as they would through a Director restart (but off
   * the network, when VMs have namespaces: those are removed).
   */
  @Override
  public void close() {
    agents.stopAll();
    network.close();
  }

  /**
   * 17 hex digits like an EC2 id: short, because the VM directory carries Unix socket paths and
   * those must stay under 108 bytes.
   */
  private static String cloudId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, CLOUD_ID_LENGTH);
  }
}
