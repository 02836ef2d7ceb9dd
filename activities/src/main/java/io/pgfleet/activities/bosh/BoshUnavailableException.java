package io.pgfleet.activities.bosh;

/** The Director (or its UAA) could not be reached, or answered 5xx; trying again later may work. */
public class BoshUnavailableException extends BoshException {

  public BoshUnavailableException(String message) {
    super(message);
  }

  public BoshUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
