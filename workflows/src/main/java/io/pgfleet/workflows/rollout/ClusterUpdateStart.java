package io.pgfleet.workflows.rollout;

/**
 * Whether the cluster took the update.
 *
 * @param busy refused only because another operation runs: worth asking again later
 * @param rejection why it was refused; null when accepted
 */
public record ClusterUpdateStart(boolean accepted, boolean busy, String rejection) {

  public static ClusterUpdateStart accept() {
    return new ClusterUpdateStart(true, false, null);
  }

  public static ClusterUpdateStart busy(String rejection) {
    return new ClusterUpdateStart(false, true, rejection);
  }

  public static ClusterUpdateStart refuse(String rejection) {
    return new ClusterUpdateStart(false, false, rejection);
  }
}
