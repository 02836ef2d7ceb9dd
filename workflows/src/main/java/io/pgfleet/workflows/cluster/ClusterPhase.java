package io.pgfleet.workflows.cluster;

/** Where a cluster is in its life. */
public enum ClusterPhase {
  /** The workflow exists; no provision has been accepted yet. */
  NEW,
  PROVISIONING,
  READY,
  /** Provisioning failed and was rolled back; only deprovision is accepted. */
  FAILED,
  /**
   * A base backup runs; the cluster stays writable and bindable. A failover report is still acted
   * on: the failover is queued and the backup cancelled.
   */
  BACKING_UP,
  /** A failover runs: the primary is being replaced; other operations wait or are refused. */
  FAILING_OVER,
  /**
   * A failover stopped short (standby too far behind, fencing unproven, nothing re-routed): nothing
   * more happens automatically; an operator decides (manual failover or deprovision).
   */
  NEEDS_OPERATOR,
  /**
   * An in-place restore runs: the instances are stopped and their disks replaced; failure reports
   * are only recorded (a planned stop looks like a failure to pgpool).
   */
  RESTORING,
  /**
   * A planned switchover runs: writes are held and the primary role moves to the standby; failure
   * reports are only recorded.
   */
  SWITCHING_OVER,
  DEPROVISIONING,
  /** Deprovisioned; the workflow completes. */
  DELETED
}
