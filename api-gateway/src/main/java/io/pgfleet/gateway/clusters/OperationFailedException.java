package io.pgfleet.gateway.clusters;

/** The workflow accepted the command but running it failed (e.g. a bind's role creation). */
public class OperationFailedException extends ClusterOperationException {

  public OperationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
