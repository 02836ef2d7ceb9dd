package io.pgfleet.testenv.cloud.vm;

import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.workers.node.NodeAgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a VM's /var/vcap/store pointing at the disk its instance has now. The rendered job
 * configuration names the store; after a disk is attached or detached (through the Director or the
 * EC2 API) it is rewritten, so the agent uses the new disk when it next starts. Processes already
 * running keep what they have open, as on a real VM where a new block device is not mounted under
 * running jobs.
 */
final class StoreMounts {

  private static final Logger LOG = LoggerFactory.getLogger(StoreMounts.class);

  private final VmLayout layout;
  private final VmUser user;

  StoreMounts(VmLayout layout, VmUser user) {
    this.layout = layout;
    this.user = user;
  }

  void remount(InstanceRecord instance) throws IOException {
    if (!instance.hasVm()) {
      return; // no VM: the next one is rendered with the instance's disk
    }
    Path store = layout.storeDir(instance);
    if (instance.diskCid() == null && !Files.isDirectory(store)) {
      Files.createDirectories(store);
      user.own(store);
    }
    Path file = VmLayout.agentConfig(layout.vmDir(instance.vmCid()));
    if (!Files.exists(file)) {
      return; // never rendered: the first render uses the instance's disk
    }
    NodeAgentConfig c = NodeAgentConfig.read(file);
    if (store.equals(c.storeDir())) {
      return;
    }
    new NodeAgentConfig(
            c.deployment(),
            c.instanceGroup(),
            c.index(),
            c.instanceId(),
            c.vmId(),
            c.address(),
            c.temporal(),
            store,
            c.dataDir(),
            c.runAsUser(),
            c.postgresBinDir(),
            c.pgpoolBin(),
            c.postgresPort(),
            c.pgpoolPort(),
            c.pcpPort(),
            c.properties(),
            c.links(),
            c.commandPrefix())
        .write(file);
    user.own(file);
    LOG.info("VM {} of {} now has its store at {}", instance.vmCid(), instance.label(), store);
  }
}
