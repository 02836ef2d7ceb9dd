package io.pgfleet.workflows.operation;

import io.temporal.workflow.QueryMethod;

/**
 * What every operation workflow (a child of the cluster's workflow) offers besides its main method:
 * its live progress, step by step.
 */
public interface OperationWorkflow {

  @QueryMethod
  OperationView progress();
}
