package io.pgfleet.activities.bosh;

/** The Director answered something this client cannot understand (unreadable JSON, no task id). */
public class BoshProtocolException extends BoshException {

  public BoshProtocolException(String message) {
    super(message);
  }

  public BoshProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
