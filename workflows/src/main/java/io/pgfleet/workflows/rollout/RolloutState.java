package io.pgfleet.workflows.rollout;

/** Where a rollout stands. */
public enum RolloutState {
  /** Updating clusters (or waiting for their windows). */
  RUNNING,
  /** No new cluster starts (in-flight ones finish) until resumed or aborted. */
  PAUSED,
  /** Stopped for good by an operator; clusters not reached keep their old version. */
  ABORTED,
  /** Every chosen cluster was tried. */
  COMPLETED
}
