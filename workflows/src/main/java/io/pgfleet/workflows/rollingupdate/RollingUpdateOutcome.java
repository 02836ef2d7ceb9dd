package io.pgfleet.workflows.rollingupdate;

public enum RollingUpdateOutcome {
  /** Every VM runs the new manifest, both PostgreSQL nodes the new settings. */
  UPDATED,
  /**
   * A step failed and the cluster still takes writes: before the switchover the primary was never
   * touched; after it, the new primary serves while the old one's update is missing (the reason
   * says which VMs are done).
   */
  FAILED,
  /**
   * The switchover ended NEEDS_OPERATOR (the reason is the switchover's), or ended without a result
   * (terminated, timed out), so what it did to the primary is unknown here.
   */
  NEEDS_OPERATOR
}
