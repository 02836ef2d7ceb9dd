package io.pgfleet.workflows.cluster;

/**
 * @param state null for a new cluster; the carried state after continue-as-new
 */
public record ClusterWorkflowInput(String clusterId, ClusterState state) {

  public static ClusterWorkflowInput fresh(String clusterId) {
    return new ClusterWorkflowInput(clusterId, null);
  }
}
