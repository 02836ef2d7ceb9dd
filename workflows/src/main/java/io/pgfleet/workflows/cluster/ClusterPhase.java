package io.pgfleet.workflows.cluster;

/** Where a cluster is in its life. */
public enum ClusterPhase {
  /** The workflow exists; no provision has been accepted yet. */
  NEW,
  PROVISIONING,
  READY,
  /** Provisioning failed and was rolled back; only deprovision is accepted. */
  FAILED,
  DEPROVISIONING,
  /** Deprovisioned; the workflow completes. */
  DELETED
}
