package io.pgfleet.testenv.temporal;

/** Temporal could not be started; the message names the server, address and log. */
public final class TemporalStartException extends RuntimeException {

  public TemporalStartException(String message) {
    super(message);
  }

  public TemporalStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
