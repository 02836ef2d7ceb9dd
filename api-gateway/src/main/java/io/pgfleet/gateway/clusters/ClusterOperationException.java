package io.pgfleet.gateway.clusters;

/** A cluster command that was refused or could not be delivered; the message is for humans. */
public abstract class ClusterOperationException extends RuntimeException {

  protected ClusterOperationException(String message) {
    super(message);
  }

  protected ClusterOperationException(String message, Throwable cause) {
    super(message, cause);
  }
}
