package io.pgfleet.testenv.cloud.ec2;

import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.vm.VmLayout;
import io.pgfleet.testenv.cloud.vm.VmManager;
import io.pgfleet.workers.node.NodeAgentConfig;

/**
 * A local VM's power switch. Off means every process of the VM is gone and its agent stopped; the
 * VM stays off (across a local cloud restart too) until StartInstances or a BOSH start/recreate.
 */
final class LocalPower {

  static final String RUNNING = "running";
  static final String STOPPED = "stopped";

  private final VmManager vms;

  LocalPower(VmManager vms) {
    this.vms = vms;
  }

  String state(InstanceRecord instance) {
    return vms.isPoweredOff(instance.vmCid()) ? STOPPED : RUNNING;
  }

  /** Force: SIGKILL at once (pulling the plug); otherwise SIGTERM first, as an OS shutdown. */
  void stop(InstanceRecord instance, boolean force) throws InterruptedException {
    if (force) {
      vms.powerOff(instance);
    } else {
      vms.shutDown(instance);
    }
  }

  /**
   * Powers the VM on; a started instance gets its agent back (it restarts its processes), a stopped
   * one stays stopped as its BOSH state says.
   */
  void start(InstanceRecord instance) throws Exception {
    if (!vms.isPoweredOff(instance.vmCid())) {
      return;
    }
    if (InstanceRecord.STARTED.equals(instance.state())) {
      NodeAgentConfig config =
          NodeAgentConfig.read(VmLayout.agentConfig(vms.layout().vmDir(instance.vmCid())));
      vms.startAgent(config);
    } else {
      vms.powerOn(instance.vmCid());
    }
  }
}
