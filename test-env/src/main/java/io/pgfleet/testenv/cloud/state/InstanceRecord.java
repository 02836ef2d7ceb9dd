package io.pgfleet.testenv.cloud.state;

/**
 * One instance of an instance group, with its VM (if any), address and persistent disk.
 *
 * @param state the desired state BOSH reports as {@code state}: started, stopped or detached
 * @param vmCid null while the instance has no VM (detached)
 * @param address the instance's loopback address; kept while the instance exists, VM or not
 * @param diskCid null when the instance group declares no persistent disk
 * @param ignore BOSH's ignore flag: deploys and group-wide state changes leave the instance alone,
 *     a state change naming it fails (140021)
 */
public record InstanceRecord(
    String group,
    int index,
    String id,
    String az,
    String state,
    String vmCid,
    String agentId,
    Long vmCreatedAt,
    String address,
    String diskCid,
    int diskSizeMb,
    boolean bootstrap,
    boolean ignore) {

  public static final String STARTED = "started";
  public static final String STOPPED = "stopped";
  public static final String DETACHED = "detached";

  /** A new instance: not ignored. */
  public InstanceRecord(
      String group,
      int index,
      String id,
      String az,
      String state,
      String vmCid,
      String agentId,
      Long vmCreatedAt,
      String address,
      String diskCid,
      int diskSizeMb,
      boolean bootstrap) {
    this(
        group,
        index,
        id,
        az,
        state,
        vmCid,
        agentId,
        vmCreatedAt,
        address,
        diskCid,
        diskSizeMb,
        bootstrap,
        false);
  }

  public boolean hasVm() {
    return vmCid != null;
  }

  /** "postgres/9f1c… (0)": how BOSH names an instance in event logs. */
  public String label() {
    return group + "/" + id + " (" + index + ")";
  }

  public InstanceRecord withState(String newState) {
    return new InstanceRecord(
        group,
        index,
        id,
        az,
        newState,
        vmCid,
        agentId,
        vmCreatedAt,
        address,
        diskCid,
        diskSizeMb,
        bootstrap,
        ignore);
  }

  public InstanceRecord withVm(String newVmCid, String newAgentId, Long createdAt) {
    return new InstanceRecord(
        group,
        index,
        id,
        az,
        state,
        newVmCid,
        newAgentId,
        createdAt,
        address,
        diskCid,
        diskSizeMb,
        bootstrap,
        ignore);
  }

  public InstanceRecord withoutVm() {
    return withVm(null, null, null);
  }

  public InstanceRecord withAddress(String newAddress) {
    return new InstanceRecord(
        group,
        index,
        id,
        az,
        state,
        vmCid,
        agentId,
        vmCreatedAt,
        newAddress,
        diskCid,
        diskSizeMb,
        bootstrap,
        ignore);
  }

  public InstanceRecord withDisk(String newDiskCid, int sizeMb) {
    return new InstanceRecord(
        group,
        index,
        id,
        az,
        state,
        vmCid,
        agentId,
        vmCreatedAt,
        address,
        newDiskCid,
        sizeMb,
        bootstrap,
        ignore);
  }

  public InstanceRecord withPlacement(String newAz, boolean newBootstrap) {
    return new InstanceRecord(
        group,
        index,
        id,
        newAz,
        state,
        vmCid,
        agentId,
        vmCreatedAt,
        address,
        diskCid,
        diskSizeMb,
        newBootstrap,
        ignore);
  }

  public InstanceRecord withIgnore(boolean newIgnore) {
    return new InstanceRecord(
        group,
        index,
        id,
        az,
        state,
        vmCid,
        agentId,
        vmCreatedAt,
        address,
        diskCid,
        diskSizeMb,
        bootstrap,
        newIgnore);
  }
}
