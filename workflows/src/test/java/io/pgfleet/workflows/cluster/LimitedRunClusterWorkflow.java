package io.pgfleet.workflows.cluster;

import io.temporal.workflow.WorkflowInit;

/** The production workflow with a run bounded to a few Updates, so tests see continue-as-new. */
public class LimitedRunClusterWorkflow extends ClusterWorkflowImpl {

  static final int UPDATES_PER_RUN = 3;

  @WorkflowInit
  public LimitedRunClusterWorkflow(ClusterWorkflowInput input) {
    super(input, UPDATES_PER_RUN);
  }
}
