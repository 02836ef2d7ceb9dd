package io.pgfleet.gateway.clusters;

/** The cluster (or the binding the request names) does not exist. */
public class NotFoundException extends ClusterOperationException {

  public NotFoundException(String message) {
    super(message);
  }
}
