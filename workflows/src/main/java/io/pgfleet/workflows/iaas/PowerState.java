package io.pgfleet.workflows.iaas;

/**
 * A VM's power state as the IaaS reported it.
 *
 * @param state the IaaS's name for it: {@code pending}, {@code running}, {@code stopping}, {@code
 *     stopped}, {@code shutting-down} or {@code terminated}
 * @param observedAtMillis when the adapter read it (epoch milliseconds, the worker's clock)
 */
public record PowerState(String vmCid, String state, long observedAtMillis) {

  public static final String RUNNING = "running";
  public static final String STOPPED = "stopped";
  public static final String TERMINATED = "terminated";

  /**
   * Stopped or terminated: the VM runs nothing and cannot take writes (not isOff: Jackson would
   * send an is-getter along).
   */
  public boolean poweredOff() {
    return STOPPED.equals(state) || TERMINATED.equals(state);
  }
}
