package io.pgfleet.workflows.cluster;

/**
 * One VM of the cluster as BOSH placed it.
 *
 * @param instanceGroup postgres or pgpool
 * @param instanceId BOSH's instance uuid; with the deployment it names the node agent's task queue
 */
public record ClusterNode(
    String instanceGroup, int index, String instanceId, String address, NodeRole role) {

  /** BOSH's instance name, e.g. {@code postgres/0}. */
  public String name() {
    return instanceGroup + "/" + index;
  }

  /** The node agent's name for itself and the standby's application_name, e.g. postgres_1. */
  public String nodeName() {
    return instanceGroup + "_" + index;
  }
}
