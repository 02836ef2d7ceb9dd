package io.pgfleet.workflows.cluster;

/** Names derived from a cluster id, in one place so every workflow derives them alike. */
public final class ClusterNaming {

  private ClusterNaming() {}

  /** The BOSH deployment of the cluster. */
  public static String deployment(String clusterId) {
    return "pgfleet-" + clusterId;
  }

  /** Child workflow id of one operation: unique per cluster and operation, stable on retry. */
  public static String operationWorkflowId(String clusterId, String operationId) {
    return ClusterWorkflow.workflowId(clusterId) + "/op/" + operationId;
  }

  /** X-Bosh-Context-Id of one step of one operation: stable across activity retries. */
  public static String boshContextId(String operationId, String step) {
    return operationId + "/" + step;
  }
}
