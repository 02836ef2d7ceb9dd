package io.pgfleet.gateway.clusters;

/** Another operation of the cluster is running; the caller may retry once it finished. */
public class ConcurrencyException extends ClusterOperationException {

  public ConcurrencyException(String message) {
    super(message);
  }
}
