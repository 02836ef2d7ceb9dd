package io.pgfleet.testenv.cloud;

import io.pgfleet.testenv.cloud.vm.VmLayout;
import java.nio.file.Path;

/**
 * One local VM (or the instance of a detached one) as tests and tools see it.
 *
 * @param vmCid null while the instance is detached
 * @param vmDir the ephemeral disk ({@code <state>/vms/<vm-cid>}); null while detached
 * @param storeDir the persistent disk directory the node agent uses as its store
 * @param state the desired state: started, stopped or detached
 * @param diskSizeMb the persistent disk's size; 0 without one
 */
public record LocalVm(
    String deployment,
    String instanceGroup,
    int index,
    String instanceId,
    String vmCid,
    String address,
    Path vmDir,
    String diskCid,
    Path storeDir,
    String state,
    int diskSizeMb) {

  /** The rendered node-agent configuration on this VM. */
  public Path agentConfigFile() {
    return vmDir == null ? null : VmLayout.agentConfig(vmDir);
  }
}
