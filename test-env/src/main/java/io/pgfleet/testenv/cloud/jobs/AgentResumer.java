package io.pgfleet.testenv.cloud.jobs;

import io.pgfleet.testenv.cloud.manifest.Manifest;
import io.pgfleet.testenv.cloud.manifest.ManifestParser;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.vm.VmManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the local cloud restarts, its VMs "boot" again: addresses are leased again, and every
 * started instance gets its job configuration re-rendered (the cloud's Temporal settings may have
 * changed) and its agent started, unless the VM is powered off. Processes that died meanwhile are
 * not restarted here: their pid files make the instance report {@code failing} until the node agent
 * or a workflow acts.
 */
public final class AgentResumer {

  private static final Logger LOG = LoggerFactory.getLogger(AgentResumer.class);

  private AgentResumer() {}

  public static void resume(StateStore store, VmManager vms) {
    InstanceActions actions = new InstanceActions(store, vms);
    for (DeploymentRecord deployment : store.get().deployments()) {
      deployment.instances().stream()
          .filter(i -> i.address() != null)
          .forEach(i -> vms.claimAddress(i.address()));
      if (deployment.manifest() == null) {
        continue;
      }
      Manifest manifest = ManifestParser.parse(deployment.manifest());
      for (InstanceRecord instance : deployment.instances()) {
        if (instance.hasVm() && InstanceRecord.STARTED.equals(instance.state())) {
          try {
            if (vms.isPoweredOff(instance.vmCid())) {
              // a fenced VM stays off until started on purpose, with a current config then
              actions.render(deployment.name(), manifest, instance);
            } else {
              actions.startJobs(deployment.name(), manifest, instance);
            }
          } catch (Exception e) {
            LOG.warn("Cannot start the agent of {} again", instance.label(), e);
          }
        }
      }
    }
  }
}
