package io.pgfleet.activities.alert;

/** A channel did not deliver an alert; the message says why, for the operation's record. */
public class AlertChannelException extends Exception {

  public AlertChannelException(String message) {
    super(message);
  }

  public AlertChannelException(String message, Throwable cause) {
    super(message, cause);
  }
}
