package io.pgfleet.testenv.cloud.state;

/**
 * What a task does, persisted with the task so a task still queued when the Director stops runs
 * after it restarts. Unused fields are null.
 *
 * @param type BOSH's job type: update_deployment, delete_deployment or vms
 * @param manifest manifest text for a deploy, or for an instance state change that carried one
 * @param instanceState started, stopped, detached, restart or recreate for a state change
 * @param includeDetached whether a vms task lists instances without a VM ({@code /instances})
 */
public record JobSpec(
    String type,
    String deployment,
    String manifest,
    String instanceGroup,
    String instanceId,
    String instanceState,
    boolean includeDetached,
    boolean force) {

  public static final String UPDATE_DEPLOYMENT = "update_deployment";
  public static final String DELETE_DEPLOYMENT = "delete_deployment";
  public static final String VMS = "vms";

  public static JobSpec deploy(String deployment, String manifest) {
    return new JobSpec(UPDATE_DEPLOYMENT, deployment, manifest, null, null, null, false, false);
  }

  public static JobSpec changeState(
      String deployment, String manifest, String group, String instanceId, String state) {
    return new JobSpec(
        UPDATE_DEPLOYMENT, deployment, manifest, group, instanceId, state, false, false);
  }

  public static JobSpec delete(String deployment, boolean force) {
    return new JobSpec(DELETE_DEPLOYMENT, deployment, null, null, null, null, false, force);
  }

  public static JobSpec vmState(String deployment, boolean includeDetached) {
    return new JobSpec(VMS, deployment, null, null, null, null, includeDetached, false);
  }
}
