package io.pgfleet.activities.alert;

import io.pgfleet.workflows.alert.Alert;

/** One place alerts go. Implementations bound every network call by a timeout. */
public interface AlertChannel {

  /**
   * How the channel appears in {@code AlertDelivery}, e.g. {@code webhook https://hooks.example/x};
   * never a secret.
   */
  String name();

  /** Returns once the receiver took the alert; throws, saying why, when it did not. */
  void deliver(Alert alert) throws AlertChannelException;
}
