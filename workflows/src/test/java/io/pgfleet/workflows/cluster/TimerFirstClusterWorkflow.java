package io.pgfleet.workflows.cluster;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;

/**
 * An incompatible change for the negative replay test: a timer before the main loop changes the
 * command sequence every recorded history expects.
 */
public class TimerFirstClusterWorkflow extends ClusterWorkflowImpl {

  @WorkflowInit
  public TimerFirstClusterWorkflow(ClusterWorkflowInput input) {
    super(input);
  }

  @Override
  public void run(ClusterWorkflowInput input) {
    Workflow.sleep(Duration.ofSeconds(1));
    super.run(input);
  }
}
