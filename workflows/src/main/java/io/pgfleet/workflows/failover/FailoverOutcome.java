package io.pgfleet.workflows.failover;

/** How a failover ended. */
public enum FailoverOutcome {
  /** The standby was promoted and serves writes; the old primary rejoined or is being rebuilt. */
  FAILED_OVER,
  /** No quorum saw the primary down: nothing was changed. */
  NOT_CONFIRMED,
  /** The standby was too far behind, or fencing could not be proven: an operator must decide. */
  NEEDS_OPERATOR
}
