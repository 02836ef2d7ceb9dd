package io.pgfleet.gateway.clusters;

/** The request contradicts what the cluster already is (another plan, another binding). */
public class ConflictException extends ClusterOperationException {

  public ConflictException(String message) {
    super(message);
  }
}
