package io.pgfleet.activities.bosh;

import java.util.List;

/**
 * One line of the {@code instances?format=full} task result. A detached instance has no VM: {@code
 * vmCid} and {@code jobState} are null while {@code diskCid} stays.
 *
 * @param jobState running, starting, failing, stopped, unknown or "unresponsive agent"
 * @param state the desired state: started, stopped, detached
 * @param diskCid the managed persistent disk
 */
public record BoshInstanceDetail(
    String jobName,
    Integer index,
    String id,
    String az,
    String vmCid,
    Boolean active,
    String agentId,
    List<String> ips,
    String jobState,
    String state,
    String diskCid,
    List<String> diskCids,
    Boolean bootstrap,
    List<Process> processes) {

  public record Process(String name, String state) {}
}
