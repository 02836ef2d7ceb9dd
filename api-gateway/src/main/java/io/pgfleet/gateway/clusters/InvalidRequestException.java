package io.pgfleet.gateway.clusters;

/** The request is wrong whatever the cluster's state (unknown plan, malformed id). */
public class InvalidRequestException extends ClusterOperationException {

  public InvalidRequestException(String message) {
    super(message);
  }
}
