package io.pgfleet.activities.bosh;

/** Anything the BOSH Director client reports; the subclasses say whether a retry can help. */
public class BoshException extends RuntimeException {

  public BoshException(String message) {
    super(message);
  }

  public BoshException(String message, Throwable cause) {
    super(message, cause);
  }
}
