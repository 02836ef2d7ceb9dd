package io.pgfleet.gateway.clusters;

/** The workflow service could not be reached or did not answer; nothing was decided. */
public class UnavailableException extends ClusterOperationException {

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
