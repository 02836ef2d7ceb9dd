package io.pgfleet.workflows.bosh;

import java.util.List;

/**
 * One line of {@code instances?format=full}.
 *
 * @param jobState running, starting, failing, stopped, unknown, or null when the VM is detached
 * @param vmCid null when the instance has no VM (detached)
 */
public record BoshInstance(
    String instanceGroup,
    int index,
    String id,
    List<String> ips,
    String jobState,
    String vmCid,
    List<String> diskCids) {

  public String firstIp() {
    return ips == null || ips.isEmpty() ? null : ips.get(0);
  }
}
