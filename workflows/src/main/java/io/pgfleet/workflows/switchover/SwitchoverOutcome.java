package io.pgfleet.workflows.switchover;

public enum SwitchoverOutcome {
  /** The standby is the primary, every reachable pgpool routes to it. */
  SWITCHED_OVER,
  /** A step before the promotion failed; the old primary takes writes again (rolled back). */
  FAILED,
  /**
   * Neither done nor undone: the promotion or every re-route failed, or the rollback did. The
   * reason says which node holds what.
   */
  NEEDS_OPERATOR
}
