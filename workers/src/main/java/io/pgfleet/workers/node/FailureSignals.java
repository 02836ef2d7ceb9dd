package io.pgfleet.workers.node;

import io.pgfleet.workflows.cluster.ArchiveHealth;
import io.pgfleet.workflows.cluster.DataPlaneReport;

/** How the failure reporter tells a cluster's workflow; tests use a fake. */
interface FailureSignals {

  enum Outcome {
    /** The workflow accepted the signal. */
    DELIVERED,
    /** No such workflow runs (never started, or closed): nobody to tell. */
    NO_SUCH_WORKFLOW
  }

  /**
   * @throws RuntimeException when the signal may not have arrived; the caller tries again later
   */
  Outcome send(String workflowId, DataPlaneReport report);

  /**
   * Reports the primary's WAL archiving state ({@link
   * io.pgfleet.workflows.cluster.ClusterWorkflow#ARCHIVE_HEALTH_SIGNAL}).
   *
   * @throws RuntimeException when the signal may not have arrived; the caller tries again later
   */
  Outcome send(String workflowId, ArchiveHealth health);
}
